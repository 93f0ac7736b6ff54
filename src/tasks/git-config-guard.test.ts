import { describe, expect, it } from "vitest";
import { unsafeGitConfigKeys } from "./git-config-guard.js";

describe("unsafeGitConfigKeys", () => {
  it("passes the keys git init, clone and worktree write", () => {
    expect(
      unsafeGitConfigKeys([
        "core.repositoryformatversion",
        "core.filemode",
        "core.bare",
        "core.logallrefupdates",
        "remote.origin.url",
        "remote.origin.fetch",
        "branch.main.remote",
        "branch.main.merge",
        "user.name",
      ]),
    ).toEqual([]);
  });

  it("names every key that runs a program or redirects git, in any case", () => {
    const unsafe = [
      "core.fsmonitor",
      "core.hooksPath",
      "core.sshCommand",
      "filter.evil.clean",
      "filter.evil.smudge",
      "diff.x.textconv",
      "include.path",
      "includeIf.gitdir:/x.path",
      "credential.helper",
      "remote.origin.receivepack",
      "url.ext::sh -c x.insteadOf",
      "protocol.ext.allow",
      "extensions.worktreeConfig",
    ];
    expect(unsafeGitConfigKeys([...unsafe, "remote.origin.url"])).toEqual(unsafe);
  });
});
