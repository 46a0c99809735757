export * from "./signing-env";
export * from "./signing-config-error";
export * from "./load-signer";
export * from "./cms";
export * from "./material-manifest";
export * from "./served-files";
export * from "./sign-material";
export * from "./verify-material";
