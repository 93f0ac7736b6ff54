export { AppError, type FieldIssue, isAppError } from "./app-error.js";
export { type ErrorCode, errorCatalogue, errorCodes } from "./catalogue.js";
