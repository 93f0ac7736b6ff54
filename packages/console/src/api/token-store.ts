/** The API token lives for this browser tab only: `sessionStorage`, never `localStorage`. */
const key = "pi-agent-server.token";

export function storedToken(): string | undefined {
  return sessionStorage.getItem(key) ?? undefined;
}

export function storeToken(token: string): void {
  sessionStorage.setItem(key, token);
}

export function forgetToken(): void {
  sessionStorage.removeItem(key);
}
