export * from "./app-metadata";
export * from "./auth";
export * from "./tasks";
export * from "./rest-users";
