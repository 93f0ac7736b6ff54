export function SessionPage({ projectId, sessionId }: { projectId: string; sessionId: string }) {
  return <h1>{`${projectId} / ${sessionId}`}</h1>;
}
