export * from "./basis-line";
export * from "./document-error";
export * from "./document-record";
export * from "./documents-connector";
export * from "./edxml-format";
export * from "./json-document-system";
export * from "./read-edxml";
export * from "./write-edxml";
