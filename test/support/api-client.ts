/** One call of `/v1`: JSON body (with its content type) and an optional bearer token. */
export interface ApiInit {
  method?: string;
  body?: unknown;
  token?: string | undefined;
}

export type ApiCall = (path: string, init?: ApiInit) => Promise<Response>;

/**
 * Calls `${baseUrl}/v1${path}` over real HTTP, JSON-encoding `body`; `token` (default
 * `defaultToken`) goes in `Authorization: Bearer`.
 */
export function apiClient(baseUrl: string, defaultToken?: string): ApiCall {
  return (path, init = {}) => {
    const token = init.token ?? defaultToken;
    return fetch(`${baseUrl}/v1${path}`, {
      method: init.method ?? "GET",
      headers: {
        ...(init.body === undefined ? {} : { "content-type": "application/json" }),
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  };
}
