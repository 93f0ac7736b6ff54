// Runs one bubblewrap sandbox in a network namespace of its own, whose only way out is
// slirp4netns with the host's loopback disabled: the command can reach the internet but
// not this server's API (or anything else) on 127.0.0.1.
//
// usage: node sandbox-net.mjs <slirp4netns> <bwrap> [bwrap arguments…]
// The bwrap arguments must not share the network (no --share-net). Exits with the
// command's status; bubblewrap waits (--block-fd) until the network is up.
//
// bubblewrap sets up the namespace's loopback while slirp4netns configures its tap
// device; now and then the two collide and bubblewrap gives up ("loopback: Failed
// RTM_NEWADDR") before the command has started. That failure is retried: it is
// recognised only when it is all bubblewrap printed, so a command's own output is never
// held back or repeated.
import { spawn } from "node:child_process";

const [slirp4netns, bwrap, ...bwrapArgs] = process.argv.slice(2);
if (!slirp4netns || !bwrap) {
  process.stderr.write("usage: sandbox-net.mjs <slirp4netns> <bwrap> [bwrap arguments…]\n");
  process.exit(2);
}

const setupCollision = /^bwrap: loopback: Failed RTM_NEWADDR/;
const maxAttempts = 5;

function fail(message, ...children) {
  process.stderr.write(`sandbox network: ${message}\n`);
  for (const child of children) child?.kill("SIGKILL");
  process.exit(1);
}

function attempt(number) {
  const sandbox = spawn(bwrap, ["--info-fd", "3", "--block-fd", "4", ...bwrapArgs], {
    stdio: ["inherit", "inherit", "pipe", "pipe", "pipe"],
  });
  let network;
  let held = "";
  // The control pipes break when bubblewrap fails early; its exit says what happened.
  for (const pipe of [sandbox.stdio[3], sandbox.stdio[4]]) pipe.on("error", () => undefined);
  let forwarding = false;
  sandbox.stderr.setEncoding("utf8");
  sandbox.stderr.on("data", (text) => {
    if (forwarding) return void process.stderr.write(text);
    held += text;
    if (!setupCollision.test(held) && !"bwrap: loopback: Failed RTM_NEWADDR".startsWith(held)) {
      forwarding = true;
      process.stderr.write(held);
    }
  });
  sandbox.on("error", (error) => fail(`cannot start ${bwrap}: ${error.message}`, network));
  sandbox.on("close", (code, signal) => {
    network?.kill("SIGTERM");
    if (!forwarding && code === 1 && setupCollision.test(held) && number < maxAttempts) {
      setTimeout(() => attempt(number + 1), 10 * number * Math.random());
      return;
    }
    if (!forwarding) process.stderr.write(held);
    process.exit(code ?? 128 + (signal === "SIGKILL" ? 9 : 15));
  });

  let info = "";
  sandbox.stdio[3].setEncoding("utf8");
  sandbox.stdio[3].on("data", (chunk) => {
    info += chunk;
    const pid = /"child-pid"\s*:\s*(\d+)/.exec(info)?.[1];
    if (pid === undefined || network) return;
    let ready = false;
    // --exit-fd: slirp4netns ends when this process does, however it ends.
    network = spawn(
      slirp4netns,
      [
        "--configure",
        "--mtu=65520",
        "--disable-host-loopback",
        "--ready-fd=3",
        "--exit-fd=4",
      ].concat([pid, "tap0"]),
      { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"] },
    );
    for (const pipe of [network.stdio[3], network.stdio[4]]) pipe.on("error", () => undefined);
    let errors = "";
    network.stderr.on("data", (text) => {
      errors += text;
    });
    network.on("error", (error) => fail(`cannot start ${slirp4netns}: ${error.message}`, sandbox));
    network.on("exit", (code) => {
      if (!ready && sandbox.exitCode === null) {
        fail(`slirp4netns exited with ${code}: ${errors.trim()}`, sandbox);
      }
    });
    network.stdio[3].once("data", () => {
      ready = true;
      sandbox.stdio[4].end("1");
    });
  });
}

attempt(1);
