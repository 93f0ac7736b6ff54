import { type Role, roleAllows, useConnection } from "./api/connection.js";
import { AccessPage } from "./pages/access/access-page.js";
import { CredentialsPage } from "./pages/credentials/credentials-page.js";
import { ProjectPage } from "./pages/projects/project-page.js";
import { ProjectsPage } from "./pages/projects/projects-page.js";
import { SessionPage } from "./pages/session/session-page.js";
import { TasksPage } from "./pages/tasks/tasks-page.js";
import { UsagePage } from "./pages/usage/usage-page.js";
import { linkTo, type Route, useRoute } from "./router.js";
import { AdminsOnly } from "./ui/admins-only.js";

interface Section {
  label: string;
  route: Route;
  /** The pages under this section, so it stays marked current on them. */
  pages: readonly Route["page"][];
  /** The least role offered this section; every role when absent. */
  role?: Role;
  /** Reads the whole organisation, which the server refuses to project-scoped tokens. */
  orgWide?: true;
}

const sections: readonly Section[] = [
  { label: "Projects", route: { page: "projects" }, pages: ["projects", "project", "session"] },
  { label: "Tasks", route: { page: "tasks" }, pages: ["tasks"], orgWide: true },
  { label: "Usage", route: { page: "usage" }, pages: ["usage"], orgWide: true },
  {
    label: "Credentials",
    route: { page: "credentials" },
    pages: ["credentials"],
    role: "admin",
  },
  { label: "Access", route: { page: "access" }, pages: ["access"], role: "admin" },
];

/** The signed-in page: navigation, who is signed in, and the page the hash names. */
export function Shell() {
  const route = useRoute();
  const connection = useConnection();
  const { caller } = connection;
  const offered = sections.filter(
    (section) =>
      (section.role === undefined || roleAllows(caller.role, section.role)) &&
      !(section.orgWide && caller.projects),
  );
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <a class="brand" href={linkTo({ page: "projects" })}>
          pi agent server
        </a>
        <nav aria-label="Sections">
          {offered.map((section) => (
            <a
              key={section.label}
              href={linkTo(section.route)}
              aria-current={section.pages.includes(route.page) ? "page" : undefined}
            >
              {section.label}
            </a>
          ))}
        </nav>
        <p class="signed-in">
          <span class="muted">Signed in as</span> <span class="signed-in-name">{caller.name}</span>{" "}
          <span class={`badge role-${caller.role}`}>{caller.role}</span>
          {caller.projects ? <span class="muted"> · {caller.projects.join(", ")}</span> : null}
        </p>
        {connection.withToken ? (
          <button type="button" class="link" onClick={connection.signOut}>
            Sign out
          </button>
        ) : null}
      </header>
      <main id="main" tabIndex={-1}>
        <Page route={route} role={caller.role} />
      </main>
    </>
  );
}

function Page({ route, role }: { route: Route; role: Role }) {
  switch (route.page) {
    case "projects":
      return <ProjectsPage />;
    case "project":
      return <ProjectPage projectId={route.projectId} />;
    case "session":
      return <SessionPage projectId={route.projectId} sessionId={route.sessionId} />;
    case "tasks":
      return <TasksPage status={route.status} projectId={route.projectId} />;
    case "usage":
      return <UsagePage />;
    case "credentials":
      return roleAllows(role, "admin") ? <CredentialsPage /> : <AdminsOnly section="Credentials" />;
    case "access":
      return roleAllows(role, "admin") ? <AccessPage /> : <AdminsOnly section="Access" />;
  }
}
