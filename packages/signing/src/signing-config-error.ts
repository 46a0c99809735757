/** The signing certificate or key cannot be used: the worker stops at start with this, naming the variable. */
export class SigningConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`${variable}: ${detail}`);
    this.name = "SigningConfigError";
  }
}
