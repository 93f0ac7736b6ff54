// Runs one bubblewrap sandbox in a network namespace of its own, whose only way out is
// slirp4netns with the host's loopback disabled: the command can reach the internet but
// not this server's API (or anything else) on 127.0.0.1.
//
// usage: node sandbox-net.mjs <slirp4netns> <bwrap> [bwrap arguments…]
// The bwrap arguments must not share the network (no --share-net). Exits with the
// command's status; bubblewrap waits (--block-fd) until the network is up.
import { spawn } from "node:child_process";

const [slirp4netns, bwrap, ...bwrapArgs] = process.argv.slice(2);
if (!slirp4netns || !bwrap) {
  process.stderr.write("usage: sandbox-net.mjs <slirp4netns> <bwrap> [bwrap arguments…]\n");
  process.exit(2);
}

const sandbox = spawn(bwrap, ["--info-fd", "3", "--block-fd", "4", ...bwrapArgs], {
  stdio: ["inherit", "inherit", "inherit", "pipe", "pipe"],
});
let network;

const fail = (message) => {
  process.stderr.write(`sandbox network: ${message}\n`);
  sandbox.kill("SIGKILL");
  network?.kill("SIGKILL");
  process.exit(1);
};

sandbox.on("error", (error) => fail(`cannot start ${bwrap}: ${error.message}`));
sandbox.on("exit", (code, signal) => {
  network?.kill("SIGTERM");
  process.exit(code ?? 128 + (signal === "SIGKILL" ? 9 : 15));
});

let info = "";
sandbox.stdio[3].setEncoding("utf8");
sandbox.stdio[3].on("data", (chunk) => {
  info += chunk;
  const pid = /"child-pid"\s*:\s*(\d+)/.exec(info)?.[1];
  if (pid === undefined || network) return;
  // --exit-fd: slirp4netns ends when this process does, however it ends.
  network = spawn(
    slirp4netns,
    ["--configure", "--mtu=65520", "--disable-host-loopback", "--ready-fd=3", "--exit-fd=4"].concat(
      [pid, "tap0"],
    ),
    { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"] },
  );
  let errors = "";
  network.stderr.on("data", (text) => {
    errors += text;
  });
  network.on("error", (error) => fail(`cannot start ${slirp4netns}: ${error.message}`));
  network.on("exit", (code) => {
    if (!ready) fail(`slirp4netns exited with ${code}: ${errors.trim()}`);
  });
  let ready = false;
  network.stdio[3].once("data", () => {
    ready = true;
    sandbox.stdio[4].end("1");
  });
});
