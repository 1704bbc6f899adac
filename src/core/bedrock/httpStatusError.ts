// An HTTP error from the compatible endpoints (OpenAI / Anthropic shaped bodies), normalised so the
// classifier can treat it like an SDK exception.

export class HttpStatusError extends Error {
  override readonly name: string;
  constructor(
    readonly status: number,
    message: string,
    /** Exception name from `x-amzn-errortype` or the body's `error.type`/`code`. */
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = code || `Http${status}Error`;
  }

  /** Parse the body of a failed response: `{message}`, `{error:{message,type,code}}` or `{type:'error',error:{…}}`. */
  static from(status: number, headers: Record<string, string | string[] | undefined>, body: string): HttpStatusError {
    let message = body.slice(0, 500);
    let code: string | undefined;
    const header = headers['x-amzn-errortype'];
    if (typeof header === 'string') code = header.split(':')[0].split(',')[0];
    try {
      const j = JSON.parse(body) as { message?: string; Message?: string; error?: { message?: string; type?: string; code?: string } | string };
      const err = typeof j.error === 'object' ? j.error : undefined;
      message = j.message ?? j.Message ?? err?.message ?? (typeof j.error === 'string' ? j.error : message);
      code ??= err?.code ?? err?.type;
    } catch {
      // Not JSON: keep the raw text.
    }
    return new HttpStatusError(status, message, code);
  }
}
