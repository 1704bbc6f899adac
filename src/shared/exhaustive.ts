/**
 * The `default:` of a switch over a message union, on both sides of the protocol. While every
 * method has its case, `message` is narrowed to `never`; a method added to the union without a
 * case leaves it a message, and the call no longer compiles. At run time it does nothing: what
 * reaches it was already refused by the gate or comes from no known sender.
 */
export function handledEveryMessage(message: never): void {
  void message;
}
