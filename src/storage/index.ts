export { type AtomicWriteOptions, tempFilePrefix, writeFileAtomic } from "./atomic-write.js";
