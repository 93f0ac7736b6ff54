export {
  type AtomicWriteOptions,
  writeFileAtomic,
  writeFileAtomicSync,
} from "./atomic-write.js";
export {
  defaultLogMaxAgeMs,
  defaultLogMaxBytes,
  defaultSegmentBytes,
  type EventLog,
  type EventLogRetention,
  type LoggedEvent,
  type LogPage,
} from "./event-log.js";
export {
  type EventLogStore,
  type EventLogTuning,
  fileEventLogs,
  memoryEventLogs,
} from "./event-log-store.js";
export {
  type FileEventLogOptions,
  openFileEventLog,
  removeFileEventLog,
} from "./file-event-log.js";
export { LineAppender } from "./line-appender.js";
export { MemoryEventLog, type MemoryEventLogOptions } from "./memory-event-log.js";
export { isTempFileName, sweepTempFiles, tempFilePath, tempFilePrefix } from "./temp-files.js";
