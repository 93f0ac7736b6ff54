import { type AgentClient, type components, unwrap } from "pi-agent-server-client";

export type Project = components["schemas"]["Project"];

/** Every project, reading the list a page at a time. */
export async function loadAllProjects(client: AgentClient): Promise<Project[]> {
  const projects: Project[] = [];
  for (;;) {
    const page = unwrap(
      await client.GET("/v1/projects", {
        params: { query: { limit: 100, offset: projects.length } },
      }),
    );
    projects.push(...page.items);
    if (page.items.length === 0 || projects.length >= page.total) return projects;
  }
}
