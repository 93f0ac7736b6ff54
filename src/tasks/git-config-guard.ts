/**
 * Repository config keys that make git run a program, load more config, or redirect
 * where it connects. The server's own git runs outside the sandbox in directories an
 * agent could write, so it refuses a repository whose local config sets any of them.
 */
const unsafeKeys: readonly RegExp[] = [
  /^include\./,
  /^includeif\./,
  /^filter\./,
  /^diff\.external$/,
  /^diff\..+\.(command|textconv)$/,
  /^merge\..+\.driver$/,
  /^core\.(fsmonitor|hookspath|sshcommand|gitproxy|askpass|editor|pager|alternaterefscommand)$/,
  /^credential\./,
  /^remote\..+\.(uploadpack|receivepack|vcs)$/,
  /^url\..+\.(insteadof|pushinsteadof)$/,
  /^protocol\./,
  /^extensions\.worktreeconfig$/,
  /^gpg\./,
  /^sequence\.editor$/,
  /^uploadpack\./,
  /^receive\./,
];

/** The keys among `names` (as `git config --name-only --list` prints them) that are unsafe. */
export function unsafeGitConfigKeys(names: readonly string[]): string[] {
  return names.filter((name) => unsafeKeys.some((pattern) => pattern.test(name.toLowerCase())));
}
