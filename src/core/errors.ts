/**
 * Typed errors. Every error the SDK throws extends SdkError; none of them carries a request body or a secret
 * in its message. Service errors are split by the families a caller acts on differently.
 */

export class SdkError extends Error {
  override name = 'SdkError';
}

export interface ServiceErrorDetails {
  code: string;
  message: string;
  statusCode: number;
  requestId?: string;
  operation: string;
  /** Raw response text, kept when it could not be parsed as an ASM error body. */
  rawBody?: string;
  /** Response headers, those outside the logging allow-list reading REDACTED. */
  headers?: Record<string, string>;
}

/** The service answered with an error status (its <Error><Code/><Message/></Error> body parsed). */
export class ServiceError extends SdkError {
  override name = 'ServiceError';
  readonly code: string;
  readonly statusCode: number;
  readonly requestId?: string;
  readonly operation: string;
  readonly rawBody?: string;
  /** The service's own message, without the operation, status and code that `message` starts with. */
  readonly detail: string;
  readonly headers: Record<string, string>;

  constructor(details: ServiceErrorDetails) {
    super(`${details.operation}: ${details.statusCode} ${details.code}: ${details.message}`);
    this.detail = details.message;
    this.headers = details.headers ?? {};
    this.code = details.code;
    this.statusCode = details.statusCode;
    this.requestId = details.requestId;
    this.operation = details.operation;
    this.rawBody = details.rawBody;
  }
}

export class BadRequestError extends ServiceError { override name = 'BadRequestError'; }
export class AuthenticationError extends ServiceError { override name = 'AuthenticationError'; }
export class ResourceNotFoundError extends ServiceError { override name = 'ResourceNotFoundError'; }
export class ConflictError extends ServiceError { override name = 'ConflictError'; }
export class ThrottledError extends ServiceError { override name = 'ThrottledError'; }
export class ServerError extends ServiceError { override name = 'ServerError'; }

/** Picks the error class a status and code belong to. */
export function serviceErrorFor(details: ServiceErrorDetails): ServiceError {
  const { statusCode, code } = details;
  if (statusCode === 429 || code === 'TooManyRequests' || code === 'ServerBusy') return new ThrottledError(details);
  if (statusCode === 404 || code === 'ResourceNotFound') return new ResourceNotFoundError(details);
  if (statusCode === 409 || code === 'ConflictError') return new ConflictError(details);
  if (statusCode === 401 || statusCode === 403) return new AuthenticationError(details);
  if (statusCode >= 500) return new ServerError(details);
  if (statusCode >= 400) return new BadRequestError(details);
  return new ServiceError(details);
}

/** An asynchronous operation finished with Status Failed. */
export class OperationFailedError extends SdkError {
  override name = 'OperationFailedError';
  constructor(
    readonly operation: string,
    readonly requestId: string,
    readonly code: string,
    readonly detail: string,
    readonly statusCode: number | undefined,
  ) {
    super(`${operation}: asynchronous request ${requestId} failed: ${statusCode ?? '?'} ${code}: ${detail}`);
  }
}

export interface ValidationIssue {
  /** Member path, e.g. `RoleList[0].OSVirtualHardDisk.MediaLink`. */
  path: string;
  /** The rule broken, e.g. `required` or `must be <= 15`. */
  rule: string;
}

/** The input broke the spec's rules; nothing was sent. */
export class ValidationError extends SdkError {
  override name = 'ValidationError';
  constructor(readonly operation: string, readonly issues: ValidationIssue[]) {
    super(`${operation}: invalid input: ${issues.map((i) => `${i.path}: ${i.rule}`).join('; ')}`);
  }
}

/** The connection failed or broke before a complete response arrived. */
export class NetworkError extends SdkError {
  override name = 'NetworkError';
  constructor(readonly operation: string, message: string, readonly causeCode?: string, options?: { cause?: unknown }) {
    super(`${operation}: ${message}`, options);
  }
}

/** A per-request timeout or a wait's overall timeout elapsed. */
export class TimeoutError extends SdkError {
  override name = 'TimeoutError';
  constructor(readonly operation: string, readonly timeoutMs: number) {
    super(`${operation}: timed out after ${timeoutMs} ms`);
  }
}

/** The caller's AbortSignal fired. */
export class AbortedError extends SdkError {
  override name = 'AbortError';
  constructor(readonly operation: string) {
    super(`${operation}: aborted`);
  }
}

/** A success response whose body does not fit the spec; the raw body is kept. */
export class ResponseParseError extends SdkError {
  override name = 'ResponseParseError';
  constructor(readonly operation: string, readonly statusCode: number, message: string, readonly rawBody: string) {
    super(`${operation}: could not read the ${statusCode} response: ${message}`);
  }
}

/** A response body was larger than the client's maxResponseBytes; it was not read to its end. */
export class ResponseTooLargeError extends SdkError {
  override name = 'ResponseTooLargeError';
  constructor(readonly operation: string, readonly limit: number) {
    super(`${operation}: the response is larger than maxResponseBytes (${limit} bytes)`);
  }
}

/** Credentials could not be loaded or do not fit together. Never holds key material. */
export class CredentialError extends SdkError {
  override name = 'CredentialError';
}
