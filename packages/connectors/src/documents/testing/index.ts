export * from "./fake-document-system";
export * from "./sample-package";
