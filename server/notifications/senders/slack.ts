// Slack incoming webhook: `text` in Slack's mrkdwn, the title in bold.
import type { Sender } from "../delivery-target";
import { httpRequest, jsonRequest } from "./http-request";

export const sendSlack: Sender<"slack"> = (target, message, signal) =>
  httpRequest(
    target.url,
    jsonRequest(
      { text: `*${message.title}*\n${message.body}`, username: target.username, icon_emoji: target.iconEmoji },
      signal,
    ),
  );
