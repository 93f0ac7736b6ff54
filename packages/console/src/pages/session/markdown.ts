import DOMPurify from "dompurify";
import { Marked } from "marked";

/**
 * Markdown the agent wrote, as HTML safe to insert: parsed with `marked`, then sanitised
 * with DOMPurify (no scripts, event handlers, styles, forms or embedded media). Links
 * open in a new tab without access to this one. Images are shown as links to them: the
 * page's Content-Security-Policy loads no image from elsewhere, and loading one from
 * this server would be a request the agent chose.
 *
 * Raw HTML in the markdown loses its `style` and event-handler (`on…`) attributes (and
 * `<style>` elements are shown as text) before DOMPurify parses it: the browser checks
 * even an inert parsed document's inline styles and handlers against the page's
 * `style-src 'self'` and `script-src 'self'` and reports each one as a violation.
 * DOMPurify removes what is left either way.
 */

const markdown = new Marked({ gfm: true, breaks: false, async: false });
markdown.use({
  renderer: {
    image({ href, text }) {
      const label = text || href;
      return `<a href="${escapeAttribute(href)}" class="md-image">${escapeText(label)}</a>`;
    },
    html({ text }) {
      if (/<\/?style\b/i.test(text)) return escapeText(text);
      return text.replace(/([\s/"'])(style|on[a-z]+)(\s*=)/gi, "$1data-dropped-$2$3");
    },
  },
});

/** Its own instance, so its hook never touches another user of DOMPurify. */
const purify = DOMPurify(window);
purify.addHook("afterSanitizeAttributes", (node) => {
  if (node.tagName === "A") {
    node.setAttribute("target", "_blank");
    node.setAttribute("rel", "noopener noreferrer");
  }
});

const forbiddenTags = [
  "style",
  "img",
  "picture",
  "source",
  "video",
  "audio",
  "track",
  "form",
  "input",
  "button",
  "textarea",
  "select",
  "option",
];

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, "&quot;");
}

/** `text` as sanitised HTML. */
export function renderMarkdown(text: string): string {
  return purify.sanitize(markdown.parse(text) as string, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: forbiddenTags,
    FORBID_ATTR: ["style"],
    ALLOW_DATA_ATTR: false,
    SANITIZE_NAMED_PROPS: true,
  });
}
