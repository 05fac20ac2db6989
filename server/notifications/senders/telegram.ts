// Telegram Bot API sendMessage: plain text (no parse mode, so nothing in a path or an error needs escaping).
import type { Sender } from "../delivery-target";
import { httpRequest, jsonRequest } from "./http-request";

export const sendTelegram: Sender<"telegram"> = (target, message, signal) =>
  httpRequest(
    target.url,
    jsonRequest(
      {
        chat_id: target.chatId,
        text: `${message.title}\n\n${message.body}`,
        ...(target.threadId ? { message_thread_id: Number(target.threadId) } : {}),
      },
      signal,
    ),
  );
