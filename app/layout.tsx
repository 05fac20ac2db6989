import type { Metadata } from "next";
import Script from "next/script";
import type { ReactNode } from "react";
import { themeScript } from "@/components/theme/theme-script";
import "./globals.css";

// An inline icon: no file to serve, and browsers stop asking for a /favicon.ico that does not exist.
const icon = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#4f46e5"/><path d="M10 10h12L10 22h12" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/></svg>',
)}`;

export const metadata: Metadata = {
  title: "Zerobyte",
  description: "Backup automation on restic",
  icons: { icon },
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // The theme script adds the `dark` class before React hydrates, hence the suppressed attribute mismatch.
    <html lang="en" suppressHydrationWarning className="scheme-light dark:scheme-dark">
      <body className="min-h-screen bg-zinc-50 text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <Script id="theme" strategy="beforeInteractive">
          {themeScript}
        </Script>
        {children}
      </body>
    </html>
  );
}
