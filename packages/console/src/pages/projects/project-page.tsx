export function ProjectPage({ projectId }: { projectId: string }) {
  return <h1>{projectId}</h1>;
}
