export function TasksPage(_props: { status?: string | undefined; projectId?: string | undefined }) {
  return <h1>Tasks</h1>;
}
