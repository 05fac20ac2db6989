// E-mail through nodemailer's SMTP transport: one message to all recipients, plain text. No file or URL access
// (a message can never attach a local file), and the connection is dropped when the delivery times out.
import nodemailer from "nodemailer";
import type { Sender, TargetOf } from "../delivery-target";
import { DeliveryError } from "./http-request";

function transportOptions(target: TargetOf<"email">, timeoutMs: number) {
  return {
    host: target.host,
    port: target.port,
    secure: target.security === "tls" || (target.security === "auto" && target.port === 465),
    requireTLS: target.security === "starttls",
    ignoreTLS: target.security === "none",
    auth: target.username ? { user: target.username, pass: target.password ?? "" } : undefined,
    tls: target.insecureTls ? { rejectUnauthorized: false } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

export const sendEmail: Sender<"email"> = async (target, message, signal) => {
  // The transport's own timeouts are only a backstop: the caller's signal ends the delivery and closes the connection.
  const transport = nodemailer.createTransport(transportOptions(target, 120_000));
  const abort = () => transport.close();
  signal.addEventListener("abort", abort, { once: true });
  try {
    await transport.sendMail({
      from: target.fromName ? { name: target.fromName, address: target.from } : target.from,
      to: target.to,
      subject: message.title,
      text: message.body,
    });
  } catch (error) {
    throw new DeliveryError(error instanceof Error ? error.message : String(error));
  } finally {
    signal.removeEventListener("abort", abort);
    transport.close();
  }
};
