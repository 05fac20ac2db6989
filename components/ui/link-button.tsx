import Link from "next/link";
import type { ComponentProps } from "react";
import { buttonClasses } from "./button";

type LinkButtonProps = ComponentProps<typeof Link> & { variant?: Parameters<typeof buttonClasses>[0] };

/** A navigation link that looks like a button (a link, so it opens in a new tab and reads as one). */
export function LinkButton({ variant = "primary", className = "", ...props }: LinkButtonProps) {
  return <Link className={buttonClasses(variant, className)} {...props} />;
}
