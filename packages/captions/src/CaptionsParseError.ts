/** A captions file that cannot be read: the line (1-based, in the file as uploaded) and the parser's reason. */
export class CaptionsParseError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = "CaptionsParseError";
  }
}
