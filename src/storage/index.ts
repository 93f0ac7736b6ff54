export {
  type AtomicWriteOptions,
  tempFilePrefix,
  writeFileAtomic,
  writeFileAtomicSync,
} from "./atomic-write.js";
