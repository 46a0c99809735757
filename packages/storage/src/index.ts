export * from "./storage";
export * from "./storage-key";
export * from "./content-type";
export * from "./LocalDiskStorage";
export * from "./S3Storage";
export * from "./config";
