import { useConnection } from "../api/connection.js";
import { linkTo } from "../router.js";

/** What a section for admins shows anyone else who reaches it by its address. */
export function AdminsOnly({ section }: { section: string }) {
  const { caller } = useConnection();
  return (
    <section aria-labelledby="admins-only-title">
      <h1 id="admins-only-title">{section}</h1>
      <p class="notice info" role="alert">
        {section} is for admins only. You are signed in as {caller.name} with the{" "}
        <strong>{caller.role}</strong> role; ask an admin for a token with more rights.
      </p>
      <p>
        <a href={linkTo({ page: "projects" })}>Back to projects</a>
      </p>
    </section>
  );
}
