/**
 * The error a handler (or the request pipeline) answers with: an HTTP status and the service's
 * <Error><Code/><Message/></Error> body. Messages follow the real service's wording where it is known.
 */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly headers: Record<string, string> = {}) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The service's wording for a storage account name that breaks its rules (recorded). */
export const INVALID_STORAGE_NAME_MESSAGE = 'The name is not a valid storage account name. Storage account names must be between 3 and 24 '
  + 'characters in length and use numbers and lower-case letters only.';

export const FORBIDDEN_MESSAGE =
  'The server failed to authenticate the request. Verify that the certificate is valid and is associated with this subscription.';

export const errors = {
  forbidden: () => new ApiError(403, 'ForbiddenError', FORBIDDEN_MESSAGE),
  badRequest: (message: string) => new ApiError(400, 'BadRequest', message),
  invalidXml: (message: string) => new ApiError(400, 'InvalidXmlRequest', message),
  notFound: (message: string) => new ApiError(404, 'ResourceNotFound', message),
  conflict: (message: string) => new ApiError(409, 'ConflictError', message),
  internal: (message = 'The server encountered an internal error. Please retry the request.') =>
    new ApiError(500, 'InternalError', message),
};
