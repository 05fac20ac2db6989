export * from "./app-metadata";
export * from "./auth";
export * from "./repositories";
export * from "./rest-users";
export * from "./tasks";
export * from "./volumes";
