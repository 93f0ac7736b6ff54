/**
 * What the agent is waiting on the reader for: extension UI dialogs and `ask_user`
 * questions of one session, with its `ask_user` settings.
 */
export function SessionInteractions(_props: { projectId: string; sessionId: string }) {
  return null;
}
