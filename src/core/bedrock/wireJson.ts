// The shape wire bodies are built and read as. Bedrock's JSON bodies differ per API and model
// family and are never trusted: every read goes through optional chaining and a type check at the
// point of use, which a typed schema per vendor would only restate.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type WireJson = Record<string, any>;
