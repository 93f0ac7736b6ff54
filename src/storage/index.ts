export {
  type AtomicWriteOptions,
  writeFileAtomic,
  writeFileAtomicSync,
} from "./atomic-write.js";
export { isTempFileName, sweepTempFiles, tempFilePath, tempFilePrefix } from "./temp-files.js";
export type { EventLog, EventLogRetention, LoggedEvent, LogPage } from "./event-log.js";
