// Calls to the MovePass HTTP API (same origin: CloudFront sends /v1/* to the API, the local runtime serves both).

/** An API failure: status, problem+json body (or null), Retry-After seconds, or status 0 for no network. */
export class ApiError extends Error {
  constructor(status, problem, retryAfter) {
    super(problem && problem.detail ? problem.detail : `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }
}

/** A call; {timeoutMs} gives up after that long (a failure with status 0, as with no network). */
export async function call(method, path, body, token, { timeoutMs } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    const signal = timeoutMs && typeof AbortSignal.timeout === 'function' ? AbortSignal.timeout(timeoutMs) : undefined;
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  } catch (e) {
    throw new ApiError(0, null, null);
  }
  let json = null;
  const type = response.headers.get('content-type') || '';
  if (type.includes('json')) {
    try {
      json = await response.json();
    } catch (e) {
      json = null;
    }
  }
  if (!response.ok) {
    throw new ApiError(response.status, json, Number(response.headers.get('retry-after')) || null);
  }
  return { status: response.status, json };
}
