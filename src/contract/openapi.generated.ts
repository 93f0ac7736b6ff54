/**
 * The REST API's `paths`, `operations` and `components`, generated from openapi.json by
 * `npm run build` with openapi-typescript — the same types a consumer gets by running
 * openapi-typescript on openapi.json. Do not edit.
 */
export interface paths {
    "/v1/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness and basic server statistics
         * @description Answers 200 while the process serves requests; use it as a liveness probe. Also reports the version, uptime, registered projects, runtimes and live sessions in memory, and open SSE streams per channel, and on a node of a cluster its id, role, the projects it runs and the database's health. Requires the bearer token when the server has one; a `worker` node answers it though it serves no other public route.
         */
        get: operations["health.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List projects in creation order
         * @description Projects in the order they were created, a page at a time (`limit` default 50, at most `API_MAX_PAGE_SIZE`; `offset` at most `API_MAX_OFFSET`). `total` counts every project.
         */
        get: operations["projects.list"];
        put?: never;
        /**
         * Create a project, or get the existing one with the same id
         * @description Idempotent on the name's slug and safe under concurrent calls. A new project directory is seeded from `APPX_TEMPLATE_DIR` when set. `deployment`, when given, is written to `.pi/deployment.json`.
         */
        post: operations["projects.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one project
         * @description The project's id, display name, working directory and creation time. An id that was never created is 404 `PROJECT_NOT_FOUND`.
         */
        get: operations["projects.get"];
        put?: never;
        post?: never;
        /**
         * Delete a project, its working directory and its transcripts
         * @description Disposes the project's runtime (aborting its live sessions and closing their streams), removes it from the registry, then deletes its working directory and its transcripts under `.pi-global/sessions/`. Cannot be undone.
         */
        delete: operations["projects.delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Models sessions can select, with whether credentials for them are available
         * @description Every model pi knows: built-in providers, custom providers from `models.json` and the server-registered ones such as `litellm`. `authAvailable` says whether a credential for its provider is configured (a stored key, a subscription login or an environment key); a session can only run on such a model. Filter with `provider` and `available`.
         */
        get: operations["models.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every provider with where its credentials come from (never the credentials)
         * @description Merges model availability, API keys and subscription logins in `auth.json`, provider keys from the environment, keys of `models.json` records and the server-registered providers.
         */
        get: operations["auth.listProviders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/providers/{provider}/api-key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Store an API key for a provider
         * @description Written to `auth.json` (mode 0600) and used by every project's sessions at once; it takes precedence over a key from the environment. Give the literal key: a value pi would resolve instead of sending as is (one starting with `!`, which pi runs as a command, an upper-case `NAME_LIKE_THIS`, or the name of any variable of the server's environment in any case) is refused with 400.
         */
        put: operations["auth.setApiKey"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/providers/{provider}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a provider's stored API key or subscription login
         * @description Only `auth.json` entries can be removed; a key from the environment or from `models.json` is a 409 naming where it comes from.
         */
        delete: operations["auth.removeCredential"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/providers/{provider}/subscription/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a subscription (OAuth) login
         * @description Runs pi's login for the provider. The answer usually already carries the auth URL and, for providers that redirect to localhost, a `manual_code` prompt for the final redirect URL. One active login per provider; it expires if not completed.
         */
        post: operations["auth.startSubscription"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/subscription/{flowId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A subscription login's state: auth URL, pending prompt, progress, outcome
         * @description Poll this while a login runs: it shows the URL to open, the prompt waiting for `auth.continueSubscription`, progress messages, and finally `succeeded`, `failed` (with the reason), `cancelled` or `expired` (logins expire after 10 minutes).
         */
        get: operations["auth.getSubscription"];
        put?: never;
        post?: never;
        /**
         * Cancel a subscription login in progress
         * @description Stops the login; nothing is stored even if the provider completes it later. A login that already ended is 409 `SUBSCRIPTION_FLOW_FINISHED`.
         */
        delete: operations["auth.cancelSubscription"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/subscription/{flowId}/continue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Answer the login's pending prompt
         * @description Returns once the login has reacted (or after a short wait): poll the flow until it is `succeeded` or `failed`.
         */
        post: operations["auth.continueSubscription"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/custom/providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The provider records of `models.json`, without secrets
         * @description Each provider with its base URL, API, models and whether an API key and headers are stored; keys and header values are never returned. A `models.json` that pi cannot load is 409 `MODELS_FILE_INVALID`.
         */
        get: operations["custom.listProviders"];
        /**
         * Create or replace a custom provider
         * @description Written atomically to `models.json` (mode 0600) and loaded at once. A record pi cannot load is refused (400) and the file is left as it was. `apiKey` and header values are sent literally: a value pi would resolve instead (one starting with `!`, which pi runs as a command, an upper-case `NAME_LIKE_THIS`, or the name of any variable of the server's environment in any case) is refused with 400.
         */
        put: operations["custom.upsertProvider"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/custom/providers/{provider}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a custom provider and its models
         * @description Removes the record from `models.json` and reloads the models at once; sessions using one of its models fail on their next model call. Unknown providers are 404 `CUSTOM_PROVIDER_NOT_FOUND`.
         */
        delete: operations["custom.deleteProvider"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List persisted and live sessions, newest first
         * @description Sessions with a transcript under `.pi-global/sessions/{projectId}/` plus sessions created but not yet written, newest first. `live` says whether the session is held in memory; a session that is not is always `idle`.
         */
        get: operations["sessions.list"];
        put?: never;
        /**
         * Create a session (optional model, thinking level and name)
         * @description Starts a live session in the project directory with the project's AGENTS.md, skills and extensions. `provider` and `modelId` go together (an unknown model is 404 `MODEL_NOT_FOUND`). With neither, the session gets the default model (pi's settings, else the org default, else the first model with credentials); `settings` in the answer says which. When no model has credentials the answer is 422 `NO_MODEL_AVAILABLE` (or `MODEL_NO_CREDENTIALS` when the default has none), whose `detail` names the route or environment variable that adds one. The `Location` header names the new session. Honours `Idempotency-Key` (see the header).
         */
        post: operations["sessions.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/sessions/{sessionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A session's status, settings and persisted message history
         * @description Opens the session if it is not held in memory (an unknown id is 404). `messages` is the whole transcript as pi's `AgentMessage` objects (user, assistant, tool results and the server-side kinds such as compaction summaries); reload it after a `replay_gap` on the event stream.
         */
        get: operations["sessions.get"];
        put?: never;
        post?: never;
        /**
         * Delete a session: abort its run, close its streams, remove its transcript
         * @description Aborts any run, cancels pending extension UI requests, closes every event stream of the session and deletes its transcript file. Cannot be undone.
         */
        delete: operations["sessions.delete"];
        options?: never;
        head?: never;
        /**
         * Rename a session
         * @description Sets the display name kept in the transcript; an empty or whitespace-only name is 400.
         */
        patch: operations["sessions.rename"];
        trace?: never;
    };
    "/v1/projects/{projectId}/sessions/{sessionId}/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Active model and thinking level
         * @description `thinkingLevel` is the effective level; `availableThinkingLevels` lists what the active model supports. `provider` and `modelId` are null when no model is selected.
         */
        get: operations["sessions.getSettings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Switch model and/or thinking level while idle
         * @description The thinking level is clamped to what the model supports; the effective settings are returned.
         */
        patch: operations["sessions.updateSettings"];
        trace?: never;
    };
    "/v1/projects/{projectId}/sessions/{sessionId}/prompt": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a prompt; accepted once pi's preflight accepts it, the run streams on SSE
         * @description Answers 202 once pi's preflight accepted the prompt (model, credentials and extension commands are checked); the run itself streams as WireEvents on `sessions.events`. While the session is busy (streaming, or prompts queued) the prompt follows `onBusy`, else the session's `onBusy` setting: `reject` (the default) answers 409 `SESSION_BUSY`, `enqueue` queues it (`outcome: queued` with its `item`; see `sessions.listQueue`), `interrupt` aborts the current run and runs it, `steer` / `followUp` hand it to pi's queues. 422 `MODEL_NO_CREDENTIALS` (or `NO_MODEL_AVAILABLE`) when the session's model cannot run: `detail` names the route that stores a key, the environment variable pi reads and the models that have credentials. Other refusals are 422 `PROMPT_REJECTED` with pi's reason. 429 `BUDGET_EXCEEDED` while a day or month budget of the project or the org is spent (see `budgets.getProject`). 503 `SERVICE_UNAVAILABLE` when the session was closed as the prompt arrived (deleted, or its project unloaded or shutting down): nothing was run or queued, and sending it again finds the session reopened, or answers 404. Honours `Idempotency-Key` (see the header).
         */
        post: operations["sessions.prompt"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/sessions/{sessionId}/steer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Queue a steering message, delivered after the current turn's tool calls
         * @description For a streaming session: the message reaches the agent once the tool calls of the current turn finish, before its next model call. Skill commands and prompt templates are expanded; an extension command cannot be queued (422 `PROMPT_REJECTED`). Honours `Idempotency-Key` (see the header).
         */
        post: operations["sessions.steer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/sessions/{sessionId}/follow-up": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Queue a follow-up message, delivered when the agent would stop
         * @description For a streaming session: the message waits until the agent has no tool calls or steering messages left, then starts another turn. Skill commands and prompt templates are expanded; an extension command cannot be queued (422 `PROMPT_REJECTED`). Honours `Idempotency-Key` (see the header).
         */
        post: operations["sessions.followUp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/sessions/{sessionId}/abort": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Abort the in-flight run (no-op when idle)
         * @description Cancels pending extension UI requests, stops the model call or tool in flight and any automatic retry, and answers once the agent is idle with the resulting status. Calling it while idle does nothing.
         */
        post: operations["sessions.abort"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/sessions/{sessionId}/compact": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Compact the context now
         * @description Summarises the older part of the transcript so the context fits the model again, optionally guided by `customInstructions`. Only while idle (409 `SESSION_BUSY` otherwise); 422 `COMPACTION_FAILED` when there is nothing to compact or the summary call fails.
         */
        post: operations["sessions.compact"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/sessions/{sessionId}/queue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prompts queued to run after the current run, in order
         * @description Prompts sent with `onBusy: enqueue` (or under a session default of `enqueue`) while the session was busy. Each runs when the run before it ends, in `position` order; the queue is kept on disk and runs on after a restart. Changes are announced on the event stream as `prompt_queue` events.
         */
        get: operations["sessions.listQueue"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/sessions/{sessionId}/queue/{itemId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a prompt from the queue before it runs
         * @description 404 `QUEUED_PROMPT_NOT_FOUND` when the prompt is not queued, including once it has started.
         */
        delete: operations["sessions.cancelQueuedPrompt"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/sessions/{sessionId}/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Token usage, cost and context usage
         * @description Counts messages and tool calls of the transcript, sums the tokens and cost reported by the provider, and estimates how full the model's context window is (`contextUsage`, absent while no model is selected).
         */
        get: operations["sessions.stats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/sessions/{sessionId}/commands": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Slash commands available in prompts: extension commands, prompt templates, skills
         * @description Commands registered by the session's extensions, prompt templates and skills; send one as `/name args` in a prompt.
         */
        get: operations["sessions.commands"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/sessions/{sessionId}/extension-ui": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Pending extension UI requests (call after connecting to the stream)
         * @description Blocking extension UI calls (`select`, `confirm`, `input`, `editor`) that wait for an answer. A request raised before a client connected is announced only once on the stream, so call this after connecting to catch up.
         */
        get: operations["sessions.listUiRequests"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/sessions/{sessionId}/extension-ui/{requestId}/response": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Answer a pending extension UI request
         * @description The body's shape follows the request's method: `{ value }` for select, input and editor, `{ confirmed }` for confirm, `{ cancelled: true }` for any. A wrong shape is 400, an unknown id 404, an answer to a request already resolved 409 `UI_REQUEST_ALREADY_RESOLVED`.
         */
        post: operations["sessions.answerUiRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/sessions/{sessionId}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The session's events: a server-sent event stream, or a page of them as JSON
         * @description As a stream (`Accept: text/event-stream`, the default): each event is `id: <n>` + `data: <event JSON>`. Resume with `Last-Event-ID` (header) or `?lastEventId=`, also after a server restart: events are kept in a durable log. A `replay_gap` event (sent without an `id:`, so `Last-Event-ID` keeps naming the last real event) says when the missed events are no longer kept. Comment lines (`: connected to …`, `: heartbeat`) carry no data.
         *
         *     Views: `compact` (default) sends `CompactWireEvent`s, where `message_update` carries only the delta and `turn_end` leaves out the message `message_end` already sent, so a reply costs bytes in proportion to its length; `MessageAccumulator` in the client rebuilds pi's partial message from them. `?view=full` sends pi's own events (`WireEvent`).
         *
         *     With `Accept: application/json`: one page of the events after `?after=` (default 0) as JSON, and the cursor of the next, for clients that cannot hold a stream open. A stream beyond the server's limits (`SSE_MAX_STREAMS` in all, `SSE_MAX_STREAMS_PER_TOKEN` per API token) is refused with 503 `STREAM_LIMIT_REACHED` and `Retry-After`; pages are always served.
         */
        get: operations["sessions.events"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/sessions/{sessionId}/events/tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue a short-lived ticket that opens this session's event stream
         * @description For browsers using native `EventSource`, which cannot send headers: open the returned `url` (the events route with `?ticket=`) instead of putting the API token in a URL. The ticket opens only this session's stream, any number of times, until `expiresAt`.
         */
        post: operations["sessions.createStreamTicket"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Tokens, cost, runs, errors and durations over a time range
         * @description Aggregates the recorded assistant messages, runs and tool executions whose time falls in `[from, to)`, optionally for one project and/or one model, into totals and groups. A run counts at its end and is attributed to the model of its last assistant message. Grouped by `tool`, the groups hold only tool executions (tokens and runs are not attributable to one tool); `totals` always covers everything matching.
         */
        get: operations["usage.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agents/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Agent runs in progress across every project
         * @description Each session between `agent_start` and `agent_end`, with its status, model, start time, what the run has used so far and its pending extension UI requests.
         */
        get: operations["agents.live"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/budgets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read the org-wide budget and what is spent against it
         * @description The org's limits, its day and month status (spent across every project, from the records `/v1/usage` reports) and the default per-run limits.
         */
        get: operations["budgets.getOrg"];
        /**
         * Replace the org-wide budget
         * @description Replaces every org limit; an absent metric is unlimited. Kept in `.pi-global/budgets.json`.
         */
        put: operations["budgets.putOrg"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/budget": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a project's budget and what is spent against it
         * @description The project's own limits and their status, and the per-run limits its runs get (its own, else the org default). The org's budget applies too: see `GET /budgets`.
         */
        get: operations["budgets.getProject"];
        /**
         * Replace a project's budget
         * @description Replaces every limit of the project; `{}` removes them. Kept in `.pi-global/budgets.json`.
         */
        put: operations["budgets.putProject"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Server metrics in the Prometheus text format
         * @description Prometheus text exposition format 0.0.4: HTTP requests by method, route pattern and status; projects, runtimes, live sessions, SSE subscribers and active runs; runs by outcome; assistant messages, tokens and cost by provider and model; tool executions by tool and outcome. Usage counters come from the durable usage log, so they survive restarts. Requires the bearer token when the server has one.
         */
        get: operations["metrics.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/sessions/{sessionId}/ask-user": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Settings, queue, waiting questions and counters of the session's ask_user loop
         * @description Everything a dashboard shows for the loop in one read: the effective settings, the queued answers, whether a stop is pending, the questions waiting for an answer and the counters.
         */
        get: operations["askuser.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/sessions/{sessionId}/ask-user/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Effective ask_user settings of the session
         * @description Built-in defaults, overlaid with the project's defaults, overlaid with what the session set itself.
         */
        get: operations["askuser.getSettings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Enable or disable ask_user, set the fallback, wait timeout, autopilot and warnings
         * @description The session's values override the project defaults. Enabling or disabling takes effect when the next run starts: the tool is added to or removed from the model's tool list and the loop policy is appended to the system prompt while enabled. Replacing the autopilot prompts restarts the cycle at the first.
         */
        patch: operations["askuser.updateSettings"];
        trace?: never;
    };
    "/v1/projects/{projectId}/sessions/{sessionId}/ask-user/queue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Queued answers, next first
         * @description Answers queued for the session's next `ask_user` calls, handed out oldest first before autopilot or a person is asked.
         */
        get: operations["askuser.listQueue"];
        put?: never;
        /**
         * Queue an answer for the next ask_user call (FIFO)
         * @description When an `ask_user` call is already waiting, it receives the answer at once (`position` 0); otherwise the answer waits in the queue. The queue holds at most 1000 answers (409 `ASK_USER_QUEUE_FULL`). The queue is saved with the session's ask_user state.
         */
        post: operations["askuser.enqueue"];
        /**
         * Remove every queued answer
         * @description Drops every queued answer and says how many were removed; questions already waiting are not affected.
         */
        delete: operations["askuser.clearQueue"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/sessions/{sessionId}/ask-user/stop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End the loop: release waiting ask_user calls with `stop`, else answer the next one `stop`
         * @description Waiting `ask_user` calls are answered `stop`, which tells the agent to end the loop. With none waiting, the next call is answered `stop` instead (`stopRequested`).
         */
        post: operations["askuser.stop"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/sessions/{sessionId}/ask-user/counters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * ask_user calls, runs ended with a direct reply, other tool calls and elapsed time
         * @description Counted since the loop started or since the last reset: `ask_user` calls, runs that ended, runs that ended with a direct reply instead of `ask_user`, other tool calls, and elapsed time.
         */
        get: operations["askuser.getCounters"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/sessions/{sessionId}/ask-user/counters/reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Zero the counters and re-arm the threshold warnings
         * @description Starts counting again from zero, so the `warnAfterMinutes` and `warnAfterAskUserCalls` warnings can fire again.
         */
        post: operations["askuser.resetCounters"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/ask-user/defaults": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The project's default ask_user settings
         * @description What every session of the project starts from for the settings it has not set itself: the built-in defaults overlaid with the project's own.
         */
        get: operations["askuser.getDefaults"];
        /**
         * Replace the project's default ask_user settings
         * @description The body lists the project's defaults (any subset; `{}` returns to the built-in defaults). They apply to every session of the project for each setting the session has not set itself.
         */
        put: operations["askuser.replaceDefaults"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/events/tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue a short-lived ticket that opens the task event stream
         * @description For browsers using native `EventSource`, which cannot send headers: open the returned `url` (the task stream with `?ticket=`) instead of putting the API token in a URL. The ticket opens only the task stream, any number of times, until `expiresAt`.
         */
        post: operations["tasks.createStreamTicket"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Task status changes across projects: a server-sent event stream, or a page as JSON
         * @description As a stream (the default): each event is `id: <n>` + `data: <TaskEvent JSON>` (`task_status` or `task_deleted`). Resume with `Last-Event-ID` or `?lastEventId=`, also after a restart; a `replay_gap` event (sent without an `id:`) says when missed events are no longer kept. With `Accept: application/json`: one page of the events after `?after=` and the cursor of the next. A stream beyond the server's limits (`SSE_MAX_STREAMS` in all, `SSE_MAX_STREAMS_PER_TOKEN` per API token) is refused with 503 `STREAM_LIMIT_REACHED` and `Retry-After`; pages are always served.
         */
        get: operations["tasks.events"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a project's tasks, newest first
         * @description Filter by `status`; page with `limit` and `offset` (bounded by `API_MAX_PAGE_SIZE` and `API_MAX_OFFSET`). `total` counts every matching task.
         */
        get: operations["tasks.list"];
        put?: never;
        /**
         * Submit a task (webhook; authenticated with WEBHOOK_SECRET, not the API token)
         * @description Creates a `pending` task that waits for approval. Authenticate with `Authorization: Bearer <WEBHOOK_SECRET>`; the API token is not accepted here. While `WEBHOOK_SECRET` is unset the webhook is disabled (503 `WEBHOOK_DISABLED`). A re-delivery with the same `(source, externalId)` returns the existing task with 200. Honours `Idempotency-Key` (see the header).
         */
        post: operations["tasks.submit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List tasks across projects, newest first (dashboard)
         * @description The same list as `tasks.list` over every project, optionally narrowed to one `projectId` and one `status`, for a dashboard of the approval queue.
         */
        get: operations["tasks.listAll"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/tasks/{taskId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A task: status, timestamps, prompt, session, branch, commit, push/PR outcome, result
         * @description Everything known about the task: its lifecycle timestamps, the prompt it runs, the session it runs in (every session route works on `sessionId`), the branch and commit it produced, whether the push and PR command succeeded, and the agent's final answer or the error that ended it.
         */
        get: operations["tasks.get"];
        put?: never;
        post?: never;
        /**
         * Delete a task that is not running (its branch and session stay)
         * @description Removes the task record and its worktree; the `tasks/<id>` branch and the session transcript are kept. A running task is 409 `TASK_STATUS_CONFLICT`: cancel it first.
         */
        delete: operations["tasks.delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/tasks/{taskId}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve a pending task; it is queued by priority then age
         * @description An illegal transition is 409 `TASK_STATUS_CONFLICT`, naming the current status. 429 `BUDGET_EXCEEDED` while a day or month budget of the project or the org is spent; a task whose budget is spent by the time it would run fails with that reason before any worktree is made.
         */
        post: operations["tasks.approve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/tasks/{taskId}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reject a pending task, with an optional reason
         * @description An illegal transition is 409 `TASK_STATUS_CONFLICT`, naming the current status.
         */
        post: operations["tasks.reject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/tasks/{taskId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel an approved or running task; a running agent is aborted and this answers once it stopped
         * @description An illegal transition is 409 `TASK_STATUS_CONFLICT`, naming the current status.
         */
        post: operations["tasks.cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/whoami": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who the caller is: token name, role and project scope
         * @description What the server knows of the credential this request carries, so a client can offer only what its role allows.
         */
        get: operations["access.whoami"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List API tokens (never their secrets)
         * @description Every token in creation order, with its role, scope, expiry and last use.
         */
        get: operations["tokens.list"];
        put?: never;
        /**
         * Create an API token with a role and an optional project scope
         * @description The answer carries the secret, shown this once: only its SHA-256 hash is stored (`.pi-global/tokens.json`, mode 0600). The token is on disk before the answer is sent.
         */
        post: operations["tokens.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tokens/{tokenId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete an API token; it stops working at once
         * @description Requests with the token are refused from now on, and streams opened with its tickets cannot reconnect.
         */
        delete: operations["tokens.delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read the audit log, newest first
         * @description One record per state-changing request and per refused request (401, 403): time, token id and name (never a secret), role, method, route pattern, the ids the path named, status and client address. Filter by time range, token, project and action (`METHOD route`); page with `before`.
         */
        get: operations["audit.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List webhook subscriptions (never their secrets)
         * @description Every subscription with its URL and event filter; the signing secret is shown only when a subscription is created.
         */
        get: operations["webhooks.list"];
        put?: never;
        /**
         * Subscribe a URL to server events
         * @description Each matching event is written to a durable outbox, then POSTed as `{ type, timestamp, data }` with the Standard Webhooks headers `webhook-id`, `webhook-timestamp` and `webhook-signature`. The answer carries the signing secret, shown this once.
         */
        post: operations["webhooks.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{webhookId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a webhook subscription (never its secret)
         * @description Its URL, event filter, description and creation time. Deliveries are listed under `/deliveries`.
         */
        get: operations["webhooks.get"];
        put?: never;
        post?: never;
        /**
         * Delete a webhook subscription and its deliveries
         * @description Pending deliveries are dropped; an attempt in flight finishes unrecorded.
         */
        delete: operations["webhooks.delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{webhookId}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a subscription's deliveries with their attempts, newest first
         * @description Each delivery with its status, next attempt and every attempt's HTTP status, response start and error. Finished deliveries are kept 7 days.
         */
        get: operations["webhooks.deliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{webhookId}/deliveries/{deliveryId}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a delivered or failed delivery again
         * @description Queues it behind the subscription's pending deliveries under the same `webhook-id`, with a fresh retry window. A pending delivery is 409 `WEBHOOK_DELIVERY_CONFLICT`.
         */
        post: operations["webhooks.resend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AgentEndEvent: {
            /** @constant */
            type: "agent_end";
            messages: components["schemas"]["AgentMessage"][];
        };
        /**
         * @description AgentMessage: Union of LLM messages + custom messages.
         *     This abstraction allows apps to add custom message types while maintaining
         *     type safety and compatibility with the base LLM messages.
         */
        AgentMessage: components["schemas"]["UserMessage"] | components["schemas"]["AssistantMessage"] | components["schemas"]["ToolResultMessage"] | components["schemas"]["CustomMessage"] | components["schemas"]["BashExecutionMessage"] | components["schemas"]["BranchSummaryMessage"] | components["schemas"]["CompactionSummaryMessage"];
        AgentStartEvent: {
            /** @constant */
            type: "agent_start";
        };
        Api: string;
        AskUserAnsweredEvent: {
            /** @constant */
            type: "ask_user_answered";
            toolCallId: string;
            question: string;
            answer: string;
            /** @enum {string} */
            source: "stop" | "queue" | "autopilot" | "user" | "fallback";
            queueLength: number;
            /** @enum {string} */
            fallbackReason?: "unwatched" | "timeout" | "cancelled";
        };
        AskUserStateEvent: {
            /** @constant */
            type: "ask_user_state";
            enabled: boolean;
            autopilot: boolean;
            queueLength: number;
            stopRequested: boolean;
            counters: {
                startedAt: null | string;
                elapsedMs: number;
                askUserCalls: number;
                runs: number;
                directReplies: number;
                otherToolCalls: number;
            };
        };
        AskUserWaitingEvent: {
            /** @constant */
            type: "ask_user_waiting";
            requestId: string;
            toolCallId: string;
            question: string;
            timeoutMs: null | number;
        };
        AskUserWarningEvent: {
            /** @constant */
            type: "ask_user_warning";
            /** @enum {string} */
            kind: "elapsed" | "ask_user_calls";
            threshold: number;
            value: number;
            message: string;
        };
        AssistantMessage: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            role: "assistant";
            content: (components["schemas"]["ToolCall"] | components["schemas"]["TextContent"] | components["schemas"]["ThinkingContent"])[];
            api: components["schemas"]["Api"];
            provider: string;
            model: string;
            responseModel?: string;
            responseId?: string;
            diagnostics?: components["schemas"]["AssistantMessageDiagnostic"][];
            usage: components["schemas"]["Usage"];
            stopReason: components["schemas"]["StopReason"];
            errorMessage?: string;
            timestamp: number;
        };
        /** @description pi's streaming delta without its `partial` message snapshot. */
        AssistantMessageDelta: components["schemas"]["TextStartDelta"] | components["schemas"]["TextDeltaDelta"] | components["schemas"]["TextEndDelta"] | components["schemas"]["ThinkingStartDelta"] | components["schemas"]["ThinkingDeltaDelta"] | components["schemas"]["ThinkingEndDelta"] | components["schemas"]["ToolcallStartDelta"] | components["schemas"]["ToolcallDeltaDelta"] | components["schemas"]["ToolcallEndDelta"];
        AssistantMessageDiagnostic: {
            type: string;
            timestamp: number;
            error?: components["schemas"]["DiagnosticErrorInfo"];
            details?: {
                [key: string]: unknown;
            };
        };
        /**
         * @description Event protocol for AssistantMessageEventStream.
         *
         *     Streams should emit `start` before partial updates, then terminate with either:
         *     - `done` carrying the final successful AssistantMessage, or
         *     - `error` carrying the final AssistantMessage with stopReason "error" or "aborted"
         *       and errorMessage.
         */
        AssistantMessageEvent: {
            /** @constant */
            type: "start";
            partial: components["schemas"]["AssistantMessage"];
        } | {
            /** @constant */
            type: "text_start";
            contentIndex: number;
            partial: components["schemas"]["AssistantMessage"];
        } | {
            /** @constant */
            type: "text_delta";
            contentIndex: number;
            delta: string;
            partial: components["schemas"]["AssistantMessage"];
        } | {
            /** @constant */
            type: "text_end";
            contentIndex: number;
            content: string;
            partial: components["schemas"]["AssistantMessage"];
        } | {
            /** @constant */
            type: "thinking_start";
            contentIndex: number;
            partial: components["schemas"]["AssistantMessage"];
        } | {
            /** @constant */
            type: "thinking_delta";
            contentIndex: number;
            delta: string;
            partial: components["schemas"]["AssistantMessage"];
        } | {
            /** @constant */
            type: "thinking_end";
            contentIndex: number;
            content: string;
            partial: components["schemas"]["AssistantMessage"];
        } | {
            /** @constant */
            type: "toolcall_start";
            contentIndex: number;
            partial: components["schemas"]["AssistantMessage"];
        } | {
            /** @constant */
            type: "toolcall_delta";
            contentIndex: number;
            delta: string;
            partial: components["schemas"]["AssistantMessage"];
        } | {
            /** @constant */
            type: "toolcall_end";
            contentIndex: number;
            toolCall: components["schemas"]["ToolCall"];
            partial: components["schemas"]["AssistantMessage"];
        } | {
            /** @constant */
            type: "done";
            /** @enum {string} */
            reason: "stop" | "length" | "toolUse";
            message: components["schemas"]["AssistantMessage"];
        } | {
            /** @constant */
            type: "error";
            /** @enum {string} */
            reason: "error" | "aborted";
            error: components["schemas"]["AssistantMessage"];
        };
        AutoRetryEndEvent: {
            /** @constant */
            type: "auto_retry_end";
            success: boolean;
            attempt: number;
            finalError?: string;
        };
        AutoRetryStartEvent: {
            /** @constant */
            type: "auto_retry_start";
            attempt: number;
            maxAttempts: number;
            delayMs: number;
            errorMessage: string;
        };
        /** @description Message type for bash executions via the ! command. */
        BashExecutionMessage: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            role: "bashExecution";
            command: string;
            output: string;
            exitCode?: number;
            cancelled: boolean;
            truncated: boolean;
            fullOutputPath?: string;
            timestamp: number;
            /** @description If true, this message is excluded from LLM context (!! prefix) */
            excludeFromContext?: boolean;
        };
        BranchSummaryMessage: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            role: "branchSummary";
            summary: string;
            fromId: string;
            timestamp: number;
        };
        /**
         * @description The run crossed a budget and is being aborted (the same path as `POST …/abort`); its
         *     `agent_end` follows with stop reason `aborted`.
         */
        BudgetExceededEvent: {
            /** @constant */
            type: "budget_exceeded";
            budget: components["schemas"]["BudgetRef"];
        };
        /**
         * @description One budget, as `budget_exceeded` and `budget_warning` name it and the
         *     `BUDGET_EXCEEDED` problem carries it. `period` is a UTC `day`, a UTC `month`, or the
         *     current `run` (its per-run limits, set on the project or as the org default).
         */
        BudgetRef: {
            /** @enum {string} */
            scope: "org" | "project";
            /** @description The project, for `scope: "project"`. */
            project?: string;
            /** @enum {string} */
            period: "day" | "month" | "run";
            /** @enum {string} */
            metric: "costUsd" | "tokens" | "wallTimeMs" | "toolCalls";
            limit: number;
            /** @description What was used against the limit when the event was sent. */
            spent: number;
        };
        /**
         * @description A budget reached its warning fraction (`warnAtFraction`, default 0.8). Sent once per
         *     budget and period (or run), on the stream of the session whose run got it there.
         */
        BudgetWarningEvent: {
            /** @constant */
            type: "budget_warning";
            budget: components["schemas"]["BudgetRef"];
            /** @description `spent / limit` when the warning was sent. */
            fraction: number;
            warnAtFraction: number;
        };
        /** @description `message_update` in the compact view: the delta, no message snapshot. */
        CompactMessageUpdateEvent: {
            /** @constant */
            type: "message_update";
            assistantMessageEvent: components["schemas"]["AssistantMessageDelta"];
            patch?: components["schemas"]["MessagePatch"];
        };
        /** @description `turn_end` in the compact view: `message` only when the turn's last `message_end` did not carry it. */
        CompactTurnEndEvent: {
            message?: components["schemas"]["AgentMessage"];
            /** @constant */
            type: "turn_end";
            toolResults: components["schemas"]["ToolResultMessage"][];
        };
        /** @description One event of a session stream in the compact view (the default). */
        CompactWireEvent: components["schemas"]["AskUserWaitingEvent"] | components["schemas"]["AskUserAnsweredEvent"] | components["schemas"]["AskUserWarningEvent"] | components["schemas"]["AskUserStateEvent"] | components["schemas"]["SessionStatusEvent"] | components["schemas"]["TaskStatusEvent"] | components["schemas"]["ExtensionUiDialogRequest"] | components["schemas"]["ExtensionUiNotifyRequest"] | components["schemas"]["ExtensionUiSetStatusRequest"] | components["schemas"]["ExtensionUiSetWidgetRequest"] | components["schemas"]["ExtensionUiSetTitleRequest"] | components["schemas"]["ExtensionUiSetEditorTextRequest"] | components["schemas"]["ExtensionUiResolvedEvent"] | components["schemas"]["ExtensionErrorEvent"] | components["schemas"]["ReplayGapEvent"] | components["schemas"]["PromptQueueEvent"] | components["schemas"]["BudgetExceededEvent"] | components["schemas"]["BudgetWarningEvent"] | components["schemas"]["AgentStartEvent"] | components["schemas"]["AgentEndEvent"] | components["schemas"]["TurnStartEvent"] | components["schemas"]["MessageStartEvent"] | components["schemas"]["MessageEndEvent"] | components["schemas"]["ToolExecutionStartEvent"] | components["schemas"]["ToolExecutionUpdateEvent"] | components["schemas"]["ToolExecutionEndEvent"] | components["schemas"]["QueueUpdateEvent"] | components["schemas"]["CompactionStartEvent"] | components["schemas"]["SessionInfoChangedEvent"] | components["schemas"]["ThinkingLevelChangedEvent"] | components["schemas"]["CompactionEndEvent"] | components["schemas"]["AutoRetryStartEvent"] | components["schemas"]["AutoRetryEndEvent"] | components["schemas"]["CompactMessageUpdateEvent"] | components["schemas"]["CompactTurnEndEvent"];
        CompactionEndEvent: {
            /** @constant */
            type: "compaction_end";
            /** @enum {string} */
            reason: "threshold" | "manual" | "overflow";
            result?: components["schemas"]["CompactionResult"];
            aborted: boolean;
            willRetry: boolean;
            errorMessage?: string;
        };
        /** @description Result from compact() - SessionManager adds uuid/parentUuid when saving */
        CompactionResult: {
            summary: string;
            firstKeptEntryId: string;
            tokensBefore: number;
            /** @description Extension-specific data (e.g., ArtifactIndex, version markers for structured compaction) */
            details?: unknown;
        };
        CompactionStartEvent: {
            /** @constant */
            type: "compaction_start";
            /** @enum {string} */
            reason: "threshold" | "manual" | "overflow";
        };
        CompactionSummaryMessage: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            role: "compactionSummary";
            summary: string;
            tokensBefore: number;
            timestamp: number;
        };
        /**
         * @description Message type for extension-injected messages via sendMessage().
         *     These are custom messages that extensions can inject into the conversation.
         */
        CustomMessage: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            role: "custom";
            customType: string;
            content: string | (components["schemas"]["TextContent"] | components["schemas"]["ImageContent"])[];
            display: boolean;
            details?: unknown;
            timestamp: number;
        };
        DiagnosticErrorInfo: {
            name?: string;
            message: string;
            stack?: string;
            code?: string | number;
        };
        /** @description An extension threw while handling an event; the session carries on. */
        ExtensionErrorEvent: {
            /** @constant */
            type: "extension_error";
            extensionPath: string;
            event: string;
            error: string;
        };
        /**
         * @description The kinds of blocking extension dialog.
         * @enum {string}
         */
        ExtensionUiDialogMethod: "input" | "select" | "confirm" | "editor";
        /**
         * @description A blocking extension dialog waiting for `POST …/extension-ui/{id}/response`. Also
         *     listed by `GET …/extension-ui` until it is answered, cancelled or times out.
         */
        ExtensionUiDialogRequest: {
            /** @constant */
            type: "extension_ui_request";
            id: string;
            method: components["schemas"]["ExtensionUiDialogMethod"];
            title: string;
            /** @description `select`: the choices; the answer's `value` must be one of them. */
            options?: string[];
            /** @description `confirm`: the question. */
            message?: string;
            /** @description `input`: placeholder text. */
            placeholder?: string;
            /** @description `editor`: initial text. */
            prefill?: string;
            /** @description Milliseconds after which the extension gives up on its own (the request is then cancelled). */
            timeout?: number;
            /** @description ISO 8601 creation time. */
            createdAt: string;
        };
        /** @description Fire-and-forget: show a notification. */
        ExtensionUiNotifyRequest: {
            /** @constant */
            type: "extension_ui_request";
            id: string;
            /** @constant */
            method: "notify";
            message: string;
            /** @enum {string} */
            notifyType: "error" | "info" | "warning";
        };
        /** @description A dialog request left the pending list: answered, or cancelled (abort, timeout, disposal). */
        ExtensionUiResolvedEvent: {
            /** @constant */
            type: "extension_ui_resolved";
            id: string;
            cancelled: boolean;
        };
        /** @description Fire-and-forget: replace the text of the prompt editor. */
        ExtensionUiSetEditorTextRequest: {
            /** @constant */
            type: "extension_ui_request";
            id: string;
            /** @constant */
            method: "set_editor_text";
            text: string;
        };
        /** @description Fire-and-forget: set (or, without `statusText`, clear) a status line entry. */
        ExtensionUiSetStatusRequest: {
            /** @constant */
            type: "extension_ui_request";
            id: string;
            /** @constant */
            method: "setStatus";
            statusKey: string;
            statusText?: string;
        };
        /** @description Fire-and-forget: set the window or tab title. */
        ExtensionUiSetTitleRequest: {
            /** @constant */
            type: "extension_ui_request";
            id: string;
            /** @constant */
            method: "setTitle";
            title: string;
        };
        /** @description Fire-and-forget: set (or, without `widgetLines`, clear) a text widget. */
        ExtensionUiSetWidgetRequest: {
            /** @constant */
            type: "extension_ui_request";
            id: string;
            /** @constant */
            method: "setWidget";
            widgetKey: string;
            widgetLines?: string[];
            /** @enum {string} */
            widgetPlacement?: "aboveEditor" | "belowEditor";
        };
        ImageContent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "image";
            data: string;
            mimeType: string;
        };
        MessageEndEvent: {
            /** @constant */
            type: "message_end";
            message: components["schemas"]["AgentMessage"];
        };
        /**
         * @description What changed in the partial message besides what the delta implies (usage counted so
         *     far, the stop reason, the provider's response id, a provider's own block fields).
         *
         *     A delta is appended to the block's streamed fields (`text`, `thinking`, and those
         *     named in an earlier `grow`), except a field named in `append`, which takes that text
         *     instead (pi's snapshot had already moved on by more, or less, than the delta).
         *     Then `message` and `block` (block `contentIndex`) fields are set, the names in `unset`
         *     removed, and the fields named in `grow` become streamed fields, taking this event's
         *     delta (or their `append` text) first.
         */
        MessagePatch: {
            message?: {
                [key: string]: unknown;
            };
            block?: {
                [key: string]: unknown;
            };
            unset?: {
                message?: string[];
                block?: string[];
            };
            append?: components["schemas"]["Recordstringstring"];
            grow?: string[];
        };
        MessageStartEvent: {
            /** @constant */
            type: "message_start";
            message: components["schemas"]["AgentMessage"];
        };
        MessageUpdateEvent: {
            /** @constant */
            type: "message_update";
            message: components["schemas"]["AgentMessage"];
            assistantMessageEvent: components["schemas"]["AssistantMessageEvent"];
        };
        /**
         * @description A session's prompt queue changed: a prompt was `queued` (`onBusy: "enqueue"`),
         *     `cancelled`, `started` (it left the queue and its run began) or `failed` (pi refused
         *     it when its turn came; `error` says why and the queue moves on). `items` is the queue
         *     after the change.
         */
        PromptQueueEvent: {
            /** @constant */
            type: "prompt_queue";
            /** @enum {string} */
            change: "cancelled" | "failed" | "queued" | "started";
            itemId: string;
            items: components["schemas"]["QueuedPrompt"][];
            /** @description `failed` only: the problem code and message pi's refusal became. */
            error?: {
                code: string;
                message: string;
            };
        };
        QueueUpdateEvent: {
            /** @constant */
            type: "queue_update";
            steering: string[];
            followUp: string[];
        };
        /** @description `queued` only: the prompt's place in the queue. */
        QueuedPrompt: {
            id: string;
            text: string;
            /** @description Number of images sent with the prompt. */
            imageCount: number;
            /** @description ISO 8601 time the prompt was queued. */
            queuedAt: string;
            /** @description 1 for the prompt that runs next. */
            position: number;
        };
        /** @description Construct a type with a set of properties K of type T */
        Recordstringstring: {
            [key: string]: string;
        };
        /**
         * @description Sent instead of a replay when the events after the client's `Last-Event-ID` are no
         *     longer buffered: reload the history (`GET …/sessions/{id}`) and carry on from here.
         *     Its SSE frame has no `id:`, so the client's last event id stays that of a real event.
         */
        ReplayGapEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "replay_gap";
            lastEventId: number;
            /** @description The oldest id still buffered, or `null` when nothing is. */
            oldestAvailableId: null | number;
            message: string;
        };
        SessionInfoChangedEvent: {
            /** @constant */
            type: "session_info_changed";
            name?: string;
        };
        /** @enum {string} */
        SessionStatus: "idle" | "streaming" | "awaiting_input";
        /** @description The session's status changed. */
        SessionStatusEvent: {
            /** @constant */
            type: "session_status";
            status: components["schemas"]["SessionStatus"];
        };
        /** @enum {string} */
        StopReason: "error" | "stop" | "length" | "toolUse" | "aborted";
        /** @description Published on the org task stream when a task is deleted. */
        TaskDeletedEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "task_deleted";
            taskId: string;
            projectId: string;
            at: string;
        };
        /**
         * @description Published on the org task stream (`GET /tasks/events`) and on the task's session
         *     stream whenever a task changes status, or its running session starts or stops
         *     waiting for input.
         */
        TaskStatusEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "task_status";
            taskId: string;
            projectId: string;
            /** @enum {string} */
            status: "cancelled" | "pending" | "approved" | "running" | "completed" | "failed" | "rejected";
            /** @description The live session's status while the task runs (`awaiting_input` when it waits on a UI answer). */
            sessionStatus: null | "idle" | "streaming" | "awaiting_input";
            sessionId: null | string;
            title: string;
            error: null | string;
            at: string;
        };
        /** @description One event of the org-wide task stream (`GET /tasks/events`). */
        TaskStreamEvent: components["schemas"]["TaskStatusEvent"] | components["schemas"]["TaskDeletedEvent"] | components["schemas"]["ReplayGapEvent"];
        TextContent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "text";
            text: string;
            textSignature?: string;
        };
        /** @description `delta` is appended to the text of block `contentIndex`. */
        TextDeltaDelta: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "text_delta";
            contentIndex: number;
            delta: string;
        };
        /** @description The text block ends; `content` is sent only when it differs from the text accumulated. */
        TextEndDelta: {
            content?: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "text_end";
            contentIndex: number;
        };
        /** @description A text block starts at `contentIndex`. */
        TextStartDelta: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "text_start";
            contentIndex: number;
        };
        ThinkingContent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "thinking";
            thinking: string;
            thinkingSignature?: string;
            /**
             * @description When true, the thinking content was redacted by safety filters. The opaque
             *     encrypted payload is stored in `thinkingSignature` so it can be passed back
             *     to the API for multi-turn continuity.
             */
            redacted?: boolean;
        };
        /** @description `delta` is appended to the thinking of block `contentIndex`. */
        ThinkingDeltaDelta: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "thinking_delta";
            contentIndex: number;
            delta: string;
        };
        /** @description The thinking block ends; `content` is sent only when it differs from what accumulated. */
        ThinkingEndDelta: {
            content?: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "thinking_end";
            contentIndex: number;
        };
        /** @enum {string} */
        ThinkingLevel: "off" | "minimal" | "low" | "medium" | "high" | "xhigh";
        ThinkingLevelChangedEvent: {
            /** @constant */
            type: "thinking_level_changed";
            level: components["schemas"]["ThinkingLevel"];
        };
        /** @description A thinking block starts at `contentIndex`. */
        ThinkingStartDelta: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "thinking_start";
            contentIndex: number;
        };
        ToolCall: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "toolCall";
            id: string;
            name: string;
            arguments: {
                [key: string]: unknown;
            };
            thoughtSignature?: string;
        };
        ToolExecutionEndEvent: {
            /** @constant */
            type: "tool_execution_end";
            toolCallId: string;
            toolName: string;
            result: unknown;
            isError: boolean;
        };
        ToolExecutionStartEvent: {
            /** @constant */
            type: "tool_execution_start";
            toolCallId: string;
            toolName: string;
            args: unknown;
        };
        ToolExecutionUpdateEvent: {
            /** @constant */
            type: "tool_execution_update";
            toolCallId: string;
            toolName: string;
            args: unknown;
            partialResult: unknown;
        };
        ToolResultMessage: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            role: "toolResult";
            toolCallId: string;
            toolName: string;
            content: (components["schemas"]["TextContent"] | components["schemas"]["ImageContent"])[];
            details?: unknown;
            isError: boolean;
            timestamp: number;
        };
        /** @description `delta` is appended to the tool call's JSON arguments; `arguments` is that JSON parsed as far as it goes. */
        ToolcallDeltaDelta: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "toolcall_delta";
            contentIndex: number;
            delta: string;
        };
        /**
         * @description The tool call is complete: `toolCall` replaces block `contentIndex`. It is sent only
         *     when the block accumulated lacks some of it; otherwise the block as accumulated is the
         *     tool call (its streaming-only fields removed by the event's `patch`).
         */
        ToolcallEndDelta: {
            toolCall?: components["schemas"]["ToolCall"];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "toolcall_end";
            contentIndex: number;
        };
        /** @description A tool call starts at `contentIndex`. */
        ToolcallStartDelta: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "toolcall_start";
            contentIndex: number;
        };
        TurnEndEvent: {
            /** @constant */
            type: "turn_end";
            message: components["schemas"]["AgentMessage"];
            toolResults: components["schemas"]["ToolResultMessage"][];
        };
        TurnStartEvent: {
            /** @constant */
            type: "turn_start";
        };
        Usage: {
            input: number;
            output: number;
            cacheRead: number;
            cacheWrite: number;
            totalTokens: number;
            cost: {
                input: number;
                output: number;
                cacheRead: number;
                cacheWrite: number;
                total: number;
            };
        };
        UserMessage: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            role: "user";
            content: string | (components["schemas"]["TextContent"] | components["schemas"]["ImageContent"])[];
            timestamp: number;
        };
        /**
         * @description One event of a session's SSE stream, as the server sees it: pi's own events plus the
         *     ones the server injects. Consumers use the generated equivalent
         *     (`src/contract/wire-event.generated.ts`, component `WireEvent` of `openapi.json`).
         */
        WireEvent: components["schemas"]["AskUserWaitingEvent"] | components["schemas"]["AskUserAnsweredEvent"] | components["schemas"]["AskUserWarningEvent"] | components["schemas"]["AskUserStateEvent"] | components["schemas"]["SessionStatusEvent"] | components["schemas"]["TaskStatusEvent"] | components["schemas"]["ExtensionUiDialogRequest"] | components["schemas"]["ExtensionUiNotifyRequest"] | components["schemas"]["ExtensionUiSetStatusRequest"] | components["schemas"]["ExtensionUiSetWidgetRequest"] | components["schemas"]["ExtensionUiSetTitleRequest"] | components["schemas"]["ExtensionUiSetEditorTextRequest"] | components["schemas"]["ExtensionUiResolvedEvent"] | components["schemas"]["ExtensionErrorEvent"] | components["schemas"]["ReplayGapEvent"] | components["schemas"]["PromptQueueEvent"] | components["schemas"]["BudgetExceededEvent"] | components["schemas"]["BudgetWarningEvent"] | components["schemas"]["AgentStartEvent"] | components["schemas"]["AgentEndEvent"] | components["schemas"]["TurnStartEvent"] | components["schemas"]["TurnEndEvent"] | components["schemas"]["MessageStartEvent"] | components["schemas"]["MessageUpdateEvent"] | components["schemas"]["MessageEndEvent"] | components["schemas"]["ToolExecutionStartEvent"] | components["schemas"]["ToolExecutionUpdateEvent"] | components["schemas"]["ToolExecutionEndEvent"] | components["schemas"]["QueueUpdateEvent"] | components["schemas"]["CompactionStartEvent"] | components["schemas"]["SessionInfoChangedEvent"] | components["schemas"]["ThinkingLevelChangedEvent"] | components["schemas"]["CompactionEndEvent"] | components["schemas"]["AutoRetryStartEvent"] | components["schemas"]["AutoRetryEndEvent"];
        Health: {
            /** @enum {string} */
            status: "ok";
            /** @example 0.1.0 */
            version: string;
            /** @example 42.5 */
            uptimeSeconds: number;
            /** @description Registered projects. */
            projects: number;
            /** @description Project runtimes in memory. */
            runtimes: number;
            /** @description Sessions held in memory. */
            liveSessions: number;
            sse: {
                /** @description Subscribers attached to session event hubs. */
                subscribers: number;
                /** @description Open SSE responses (each with its heartbeat timer) per channel, e.g. `sessions`. */
                streams: {
                    [key: string]: number;
                };
                /** @description The most streams this process holds open at once over every channel (`SSE_MAX_STREAMS`); one more is refused with 503 `STREAM_LIMIT_REACHED`. */
                maxStreams?: number;
                /** @description The most streams one API token holds open at once (`SSE_MAX_STREAMS_PER_TOKEN`). */
                maxStreamsPerToken?: number;
                /** @description Bytes of SSE frames held for `Last-Event-ID` replay, per channel. The oldest frames are dropped first; a client that falls behind them gets `replay_gap`. */
                replayBytes: {
                    /** @description Across every live session; each session's buffer is bounded by `SSE_REPLAY_MAX_BYTES`. */
                    sessions: number;
                    /** @description The org-wide task event stream, bounded by `SSE_REPLAY_MAX_BYTES` too. */
                    tasks: number;
                };
            };
            sandbox: components["schemas"]["SandboxStatus"];
            cluster?: components["schemas"]["ClusterHealth"];
        };
        SandboxStatus: {
            /**
             * @description `bwrap`: agent tools are confined to their working directory by bubblewrap; `none`: unconfined (AGENT_SANDBOX=none).
             * @enum {string}
             */
            mode: "bwrap" | "none";
            /** @description Whether sandboxed commands may use the network. */
            network: boolean;
            /** @description Present while agent tools run unconfined. */
            warning?: string;
        };
        /** @description Present on a node of a cluster (`STATE_STORE=postgres`, see docs/scale-out.md). */
        ClusterHealth: {
            /** @description This node's id (`AGENT_SERVER_NODE_ID`). */
            nodeId: string;
            /**
             * @description This node's role (`AGENT_SERVER_ROLE`).
             * @enum {string}
             */
            role: "all" | "api" | "worker";
            /** @description Project leases this node holds: the projects it runs. */
            leases: number;
            /** @description The ids of the projects this node runs, sorted. */
            projects: string[];
            /** @description Whether this node's last heartbeat reached the database. */
            heartbeat: boolean;
            /** @description The shared PostgreSQL database as this node reaches it. */
            database: {
                ok: boolean;
                /** @description One round trip to the database, just now. */
                latencyMs: number;
                /** @description Why the round trip failed. */
                error?: string;
            };
        };
        /** @description An RFC 9457 problem document. `code` is stable and machine-readable. */
        Problem: {
            /** @example urn:pi-agent-server:problem:project-not-found */
            type: string;
            /** @example Project not found */
            title: string;
            /** @example 404 */
            status: number;
            /** @example No project with id "my-app" */
            detail: string;
            /** @enum {string} */
            code: "VALIDATION_FAILED" | "MALFORMED_REQUEST" | "INVALID_PROJECT_NAME" | "INVALID_PROJECT_ID" | "UNAUTHORIZED" | "ORIGIN_NOT_ALLOWED" | "FORBIDDEN" | "NOT_FOUND" | "PROJECT_NOT_FOUND" | "SESSION_NOT_FOUND" | "MODEL_NOT_FOUND" | "UI_REQUEST_NOT_FOUND" | "QUEUED_PROMPT_NOT_FOUND" | "TASK_NOT_FOUND" | "TOKEN_NOT_FOUND" | "SESSION_BUSY" | "UI_REQUEST_ALREADY_RESOLVED" | "ASK_USER_QUEUE_FULL" | "TASK_STATUS_CONFLICT" | "BUDGET_EXCEEDED" | "PROMPT_REJECTED" | "COMPACTION_FAILED" | "MODEL_NO_CREDENTIALS" | "NO_MODEL_AVAILABLE" | "METHOD_NOT_ALLOWED" | "MISDIRECTED_REQUEST" | "PAYLOAD_TOO_LARGE" | "REQUEST_HEADERS_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "SERVICE_UNAVAILABLE" | "WEBHOOK_DISABLED" | "STREAM_LIMIT_REACHED" | "INTERNAL_ERROR" | "PROVIDER_NOT_FOUND" | "CREDENTIAL_NOT_FOUND" | "CREDENTIAL_NOT_REMOVABLE" | "SUBSCRIPTION_PROVIDER_NOT_FOUND" | "SUBSCRIPTION_FLOW_NOT_FOUND" | "SUBSCRIPTION_FLOW_ACTIVE" | "SUBSCRIPTION_FLOW_FINISHED" | "SUBSCRIPTION_FLOW_NOT_AWAITING_INPUT" | "CUSTOM_PROVIDER_NOT_FOUND" | "CUSTOM_PROVIDER_REJECTED" | "MODELS_FILE_INVALID" | "IDEMPOTENCY_KEY_IN_FLIGHT" | "IDEMPOTENCY_KEY_REUSED" | "WEBHOOK_URL_REFUSED" | "WEBHOOK_NOT_FOUND" | "WEBHOOK_DELIVERY_NOT_FOUND" | "WEBHOOK_DELIVERY_CONFLICT";
            /** @description The offending fields, for validation failures. */
            errors?: {
                path: string;
                message: string;
            }[];
            /** @description `BUDGET_EXCEEDED` only: the budget that is spent. */
            budget?: {
                /** @enum {string} */
                scope: "org" | "project";
                project?: string;
                /** @enum {string} */
                period: "day" | "month" | "run";
                /** @enum {string} */
                metric: "costUsd" | "tokens" | "wallTimeMs" | "toolCalls";
                limit: number;
                spent: number;
            };
        };
        Project: {
            /**
             * @description slugify(name); immutable.
             * @example my-app
             */
            id: string;
            /** @example My App */
            name: string;
            /** @example /srv/workspace/my-app */
            projectDir: string;
            /**
             * Format: date-time
             * @example 2026-01-01T12:00:00.000Z
             */
            createdAt: string;
        };
        CreateProject: {
            /**
             * @description Display name; its slug is the project id.
             * @example My App
             */
            name: string;
            deployment?: components["schemas"]["DeploymentInfo"];
        };
        /** @description Ports and public URLs assigned by the control plane; written to `.pi/deployment.json` so the agent never invents one. */
        DeploymentInfo: {
            /** @description Where one environment of the app is served. */
            dev?: {
                port: number;
                /** Format: uri */
                publicUrl?: string;
            };
            /** @description Where one environment of the app is served. */
            prod?: {
                port: number;
                /** Format: uri */
                publicUrl?: string;
            };
        };
        ProjectList: {
            items: components["schemas"]["Project"][];
            /** @description Items matching, across all pages. */
            total: number;
            limit: number;
            offset: number;
        };
        ModelList: {
            items: components["schemas"]["ModelInfo"][];
            /** @description The org default model (`LITELLM_DEFAULT_MODEL`) a new session gets when neither it nor pi's settings name one; null when unset or without credentials. */
            defaultModel: {
                provider: string;
                modelId: string;
            } | null;
        };
        ModelInfo: {
            /** @example anthropic */
            provider: string;
            /** @example claude-sonnet-4-5 */
            id: string;
            /** @example Claude Sonnet 4.5 */
            name: string;
            /** @example anthropic-messages */
            api: string;
            /** @description Whether the model can think before answering. */
            reasoning: boolean;
            input: ("text" | "image")[];
            contextWindow: number;
            /** @description Largest output, in tokens. */
            maxTokens: number;
            /** @description Levels the model accepts. */
            thinkingLevels: components["schemas"]["ThinkingLevel"][];
            defaultThinkingLevel: components["schemas"]["ThinkingLevel"] & unknown;
            /** @description Whether a credential for the provider is configured. */
            authAvailable: boolean;
            /** @description Whether that credential is a subscription login. */
            usesSubscription: boolean;
        };
        ProviderStatusList: {
            items: components["schemas"]["ProviderStatus"][];
        };
        ProviderStatus: {
            /** @example anthropic */
            provider: string;
            /** @example Anthropic */
            name: string;
            models: number;
            availableModels: number;
            authAvailable: boolean;
            /** @description Every credential found, in pi's precedence: the first one is used. */
            credentials: components["schemas"]["CredentialSource"][];
            /** @description The provider's subscription (OAuth) login, if it has one. */
            subscription: {
                name: string;
                /** @description Whether the final browser redirect goes to localhost and may need pasting back. */
                usesCallbackServer: boolean;
                activeFlowId: string | null;
            } | null;
        };
        CredentialSource: {
            /** @enum {string} */
            source: "stored" | "environment" | "models_json" | "server_config";
            /** @enum {string} */
            type: "api_key" | "oauth";
            /** @description The environment variable the key comes from. */
            variable: string | null;
            /** @description When a subscription token expires (pi refreshes it). */
            expiresAt: string | null;
        };
        SetApiKey: {
            /** @example sk-ant-… */
            apiKey: string;
        };
        SubscriptionFlow: {
            id: string;
            provider: string;
            /** @enum {string} */
            status: "running" | "awaiting_input" | "succeeded" | "failed" | "cancelled" | "expired";
            createdAt: string;
            updatedAt: string;
            expiresAt: string;
            /** @description Open this URL in a browser and follow the instructions. */
            auth: {
                url: string;
                instructions: string | null;
            } | null;
            prompt: components["schemas"]["SubscriptionPrompt"];
            progress: string[];
            error: string | null;
        };
        /** @description Answer it with `continue`. */
        SubscriptionPrompt: {
            id: string;
            /** @enum {string} */
            kind: "text";
            message: string;
            placeholder: string | null;
            allowEmpty: boolean;
        } | {
            id: string;
            /** @enum {string} */
            kind: "manual_code";
            message: string;
        } | {
            id: string;
            /** @enum {string} */
            kind: "select";
            message: string;
            options: {
                id: string;
                label: string;
            }[];
        } | null;
        ContinueSubscription: {
            /** @description The answer: text, the pasted redirect URL or code, or a select option id. */
            value: string;
        };
        CustomProviderList: {
            items: components["schemas"]["CustomProvider"][];
        };
        CustomProvider: {
            provider: string;
            name: string | null;
            baseUrl: string | null;
            api: string | null;
            /** @description Whether the record holds an API key (never returned). */
            hasApiKey: boolean;
            /** @description Names of extra request headers (values hidden). */
            headerNames: string[];
            authHeader: boolean;
            compat: {
                [key: string]: unknown;
            } | null;
            models: components["schemas"]["CustomModel"][];
        };
        CustomModel: {
            id: string;
            name: string | null;
            api: string | null;
            baseUrl: string | null;
            reasoning: boolean | null;
            thinkingLevelMap: {
                [key: string]: string | null;
            } | null;
            input: string[] | null;
            cost: {
                input: number;
                output: number;
                cacheRead: number;
                cacheWrite: number;
            } | null;
            contextWindow: number | null;
            maxTokens: number | null;
            compat: {
                [key: string]: unknown;
            } | null;
        };
        CustomProviderInput: {
            provider: string;
            /** @description Display name. Default: the provider id. */
            name?: string;
            baseUrl: string;
            /** @enum {string} */
            api: "openai-completions" | "openai-responses" | "anthropic-messages" | "google-generative-ai" | "mistral-conversations";
            /** @description Required when creating; omit on update to keep the stored key. Never returned. */
            apiKey?: string;
            /** @description Extra request headers; omit on update to keep the stored ones. Values are never returned. */
            headers?: {
                [key: string]: string;
            };
            /** @description Send `Authorization: Bearer <apiKey>`. Default false. */
            authHeader?: boolean;
            /** @description pi's compatibility overrides for the API (see pi's models.md). */
            compat?: {
                [key: string]: unknown;
            };
            models: {
                id: string;
                name?: string;
                /**
                 * @description Default: the provider's api.
                 * @enum {string}
                 */
                api?: "openai-completions" | "openai-responses" | "anthropic-messages" | "google-generative-ai" | "mistral-conversations";
                /** @description Default: the provider's baseUrl. */
                baseUrl?: string;
                /** @description Default false. */
                reasoning?: boolean;
                thinkingLevelMap?: {
                    off?: string | null;
                    minimal?: string | null;
                    low?: string | null;
                    medium?: string | null;
                    high?: string | null;
                    xhigh?: string | null;
                };
                /** @description Default ["text"]. */
                input?: ("text" | "image")[];
                /** @description USD per million tokens. Default 0. */
                cost?: {
                    input: number;
                    output: number;
                    cacheRead: number;
                    cacheWrite: number;
                };
                /** @description Default 128000. */
                contextWindow?: number;
                /** @description Default 16384. */
                maxTokens?: number;
                /** @description pi's compatibility overrides for the API (see pi's models.md). */
                compat?: {
                    [key: string]: unknown;
                };
            }[];
        };
        SessionList: {
            items: components["schemas"]["SessionSummary"][];
        };
        SessionSummary: {
            id: string;
            name: string | null;
            createdAt: string;
            modifiedAt: string;
            messageCount: number;
            status: components["schemas"]["SessionStatus"];
            /** @description Whether the session is held in memory. */
            live: boolean;
            /** @description The id of the session's newest event: open the event stream with it as `Last-Event-ID` to follow from now, or with 0 to read from the start. */
            lastEventId: number;
        };
        /** @description A new session. `settings` holds the model and thinking level it runs with: the ones requested, or the defaults when the request named none. */
        CreatedSession: components["schemas"]["SessionSummary"] & {
            settings: components["schemas"]["SessionSettings"];
        };
        SessionSettings: {
            provider: string | null;
            modelId: string | null;
            thinkingLevel: components["schemas"]["ThinkingLevel"];
            availableThinkingLevels: components["schemas"]["ThinkingLevel"][];
            onBusy: components["schemas"]["OnBusyPolicy"];
        };
        /**
         * @description The policy for a prompt that names none and arrives while the session is busy.
         * @enum {string}
         */
        OnBusyPolicy: "reject" | "enqueue" | "interrupt" | "steer" | "followUp";
        CreateSession: {
            provider?: string;
            modelId?: string;
            thinkingLevel?: components["schemas"]["ThinkingLevel"];
            /** @description At most the server's `API_MAX_TITLE_LENGTH` (default 200 characters), which can be set up to 100,000. */
            name?: string;
        };
        SessionDetail: {
            id: string;
            name: string | null;
            status: components["schemas"]["SessionStatus"];
            settings: components["schemas"]["SessionSettings"];
            /** @description The transcript, as pi's AgentMessage objects. A reply is in it once the event stream has sent its `message_end` (by `lastEventId`); one still streaming is not (see `replyStartEventId`). */
            messages: components["schemas"]["AgentMessage"][];
            /** @description The id of the session's newest event: open the event stream with it as `Last-Event-ID` to follow from now, or with 0 to read from the start. */
            lastEventId: number;
            /** @description While an assistant reply streams, the id of its `message_start` (null otherwise). `messages` holds a reply only once it ends, so to show this one from its first delta open the stream with `Last-Event-ID` one below this id; the events up to `lastEventId` come again. */
            replyStartEventId: number | null;
        };
        RenameSession: {
            /** @description At most the server's `API_MAX_TITLE_LENGTH` (default 200 characters), which can be set up to 100,000. */
            name: string;
        };
        UpdateSessionSettings: {
            provider?: string;
            modelId?: string;
            thinkingLevel?: components["schemas"]["ThinkingLevel"];
            onBusy?: components["schemas"]["OnBusyPolicy"] & unknown;
        };
        PromptAccepted: {
            /** @enum {boolean} */
            accepted: true;
            /**
             * @description `started`: the run began; `interrupted`: the run before it was aborted, then it began; `steer` / `followUp`: handed to pi's queue; `queued`: waiting in the session's queue (`item`).
             * @enum {string}
             */
            outcome: "started" | "interrupted" | "steer" | "followUp" | "queued";
            item?: components["schemas"]["QueuedPrompt"];
        };
        PromptInput: {
            /** @description At most the server's `API_MAX_PROMPT_LENGTH` (default 20,000 characters), which can be set up to 10,000,000. */
            text: string;
            images?: components["schemas"]["ImageInput"][];
            /**
             * @description The older spelling of `onBusy: steer` / `onBusy: followUp`.
             * @enum {string}
             */
            streamingBehavior?: "steer" | "followUp";
            onBusy?: components["schemas"]["OnBusyPolicy"] & unknown;
        };
        ImageInput: {
            /** @enum {string} */
            type: "image";
            /** @description Base64 image data. */
            data: string;
            mimeType: string;
        };
        Accepted: {
            /** @enum {boolean} */
            accepted: true;
        };
        QueueMessageInput: {
            /** @description At most the server's `API_MAX_PROMPT_LENGTH` (default 20,000 characters), which can be set up to 10,000,000. */
            text: string;
            images?: components["schemas"]["ImageInput"][];
        };
        SessionCompaction: {
            summary: string;
            tokensBefore: number;
        };
        CompactInput: {
            /** @description At most the server's `API_MAX_PROMPT_LENGTH` (default 20,000 characters), which can be set up to 10,000,000. */
            customInstructions?: string;
        };
        PromptQueue: {
            items: components["schemas"]["QueuedPrompt"][];
            onBusy: components["schemas"]["OnBusyPolicy"] & unknown;
        };
        SessionStats: {
            sessionId: string;
            userMessages: number;
            assistantMessages: number;
            toolCalls: number;
            toolResults: number;
            totalMessages: number;
            tokens: {
                input: number;
                output: number;
                cacheRead: number;
                cacheWrite: number;
                total: number;
            };
            cost: number;
            contextUsage?: {
                tokens: number | null;
                contextWindow: number;
                percent: number | null;
            };
        };
        SessionCommandList: {
            items: components["schemas"]["SessionCommand"][];
        };
        SessionCommand: {
            /** @description Invoke with `/name` in a prompt. */
            name: string;
            description?: string;
            /** @enum {string} */
            source: "extension" | "prompt" | "skill";
        };
        PendingExtensionUiRequestList: {
            items: components["schemas"]["PendingExtensionUiRequest"][];
        };
        PendingExtensionUiRequest: {
            /** @enum {string} */
            type: "extension_ui_request";
            id: string;
            /** @enum {string} */
            method: "select" | "confirm" | "input" | "editor";
            title: string;
            options?: string[];
            message?: string;
            placeholder?: string;
            prefill?: string;
            timeout?: number;
            createdAt: string;
        };
        ExtensionUiAnswer: {
            value: string;
        } | {
            confirmed: boolean;
        } | {
            /** @enum {boolean} */
            cancelled: true;
        };
        SessionEventPage: {
            events: {
                id: number;
                /** @description A `CompactWireEvent` (the default view) or, with `?view=full`, a `WireEvent` (pi's own events). */
                event?: components["schemas"]["CompactWireEvent"] | components["schemas"]["WireEvent"];
            }[];
            /** @description Pass as `after` for the next page: the id of the last event in this page. */
            next: number;
            /** @description The newest event id when the page was read; open the stream from here to follow live. */
            lastEventId: number;
            /** @description Whether events after `next` exist already. */
            hasMore: boolean;
            /** @description Events after `after` were no longer kept: the page starts at the oldest kept one. Reload the history. */
            gap: boolean;
        };
        StreamTicket: {
            ticket: string;
            /** Format: date-time */
            expiresAt: string;
            /** @description Path of the event stream with the ticket applied, under this server's prefix. */
            url: string;
        };
        UsageReport: {
            /** Format: date-time */
            from: string;
            /** Format: date-time */
            to: string;
            /** @enum {string} */
            groupBy: "project" | "model" | "day" | "tool";
            filters: {
                project: string | null;
                model: string | null;
            };
            totals: components["schemas"]["UsageRow"];
            /** @description Sorted by key. */
            groups: components["schemas"]["UsageRow"][];
        };
        UsageRow: {
            /**
             * @description The group: a project id, `provider/model`, a UTC day `YYYY-MM-DD`, a tool name, or `total`.
             * @example my-app
             */
            key: string;
            /** @description Assistant messages. */
            messages: number;
            /** @description Assistant messages that ended with stop reason `error`. */
            errors: number;
            tokens: components["schemas"]["UsageTokens"];
            cost: components["schemas"]["UsageCost"];
            runs: {
                count: number;
                succeeded: number;
                failed: number;
                aborted: number;
                /** @description `succeeded / count`; null without runs. */
                successRate: number | null;
                /** @description Nearest-rank percentiles in milliseconds; null without samples. */
                durationMs: {
                    p50: number;
                    p95: number;
                } | null;
            };
            tools: {
                calls: number;
                errors: number;
                /** @description Nearest-rank percentiles in milliseconds; null without samples. */
                durationMs: {
                    p50: number;
                    p95: number;
                } | null;
            };
        };
        UsageTokens: {
            input: number;
            output: number;
            cacheRead: number;
            cacheWrite: number;
            /** @description As pi reports it (`usage.totalTokens`). */
            total: number;
        };
        /** @description US dollars, as pi prices the messages. */
        UsageCost: {
            input: number;
            output: number;
            cacheRead: number;
            cacheWrite: number;
            total: number;
        };
        LiveAgentList: {
            /** @description Oldest run first. */
            items: components["schemas"]["LiveAgent"][];
        };
        LiveAgent: {
            projectId: string;
            sessionId: string;
            /** @description The task owning the session, if any. */
            taskId: string | null;
            /** @enum {string} */
            status: "idle" | "streaming" | "awaiting_input";
            provider: string | null;
            modelId: string | null;
            /**
             * Format: date-time
             * @description When the current run started.
             */
            startedAt: string;
            /** @description Assistant messages of the current run. */
            messages: number;
            /** @description Tool executions started in the current run. */
            toolCalls: number;
            tokens: components["schemas"]["UsageTokens"] & unknown;
            cost: components["schemas"]["UsageCost"] & unknown;
            /** @description Extension dialogs waiting for an answer. */
            pendingUiRequests: number;
        };
        BudgetView: {
            limits: components["schemas"]["BudgetLimits"];
            /** @description The fraction in effect. */
            warnAtFraction: number;
            /** @description Each period limit with what is spent now. */
            status: components["schemas"]["BudgetPeriodStatus"][];
            /** @description The per-run limits in effect. */
            runLimits: components["schemas"]["BudgetRunLimit"][];
        };
        BudgetLimits: {
            day?: components["schemas"]["BudgetPeriodLimits"];
            month?: components["schemas"]["BudgetPeriodLimits"] & unknown;
            run?: components["schemas"]["BudgetRunLimits"];
            /** @description Fraction of a limit at which a warning is sent. Default: the org's, else 0.8. */
            warnAtFraction?: number;
        };
        /** @description Per UTC day. */
        BudgetPeriodLimits: {
            /** @description US dollars, as `/v1/usage` prices them. */
            costUsd?: number;
            /** @description Tokens (`tokens.total` of `/v1/usage`). */
            tokens?: number;
        };
        /** @description Per run. The org's are the default of every project that does not set the metric. */
        BudgetRunLimits: {
            /** @description US dollars spent by one run. */
            costUsd?: number;
            /** @description Tokens used by one run. */
            tokens?: number;
            /** @description Milliseconds from the run's start. */
            wallTimeMs?: number;
            /** @description Tool calls one run may make; the next one aborts it. */
            toolCalls?: number;
        };
        BudgetPeriodStatus: {
            /** @enum {string} */
            scope: "org" | "project";
            project?: string;
            /** @enum {string} */
            period: "day" | "month";
            /** @enum {string} */
            metric: "costUsd" | "tokens";
            limit: number;
            /** @description From the same records as `/v1/usage` over the period. */
            spent: number;
            remaining: number;
            /** @description `spent / limit`. */
            fraction: number;
            /** @description ISO 8601, inclusive. */
            periodStart: string;
            /** @description ISO 8601, exclusive. */
            periodEnd: string;
        };
        BudgetRunLimit: {
            /**
             * @description Whose limit applies: the project's or the org default.
             * @enum {string}
             */
            scope: "org" | "project";
            /** @enum {string} */
            metric: "costUsd" | "tokens" | "wallTimeMs" | "toolCalls";
            limit: number;
        };
        AskUserOverview: {
            settings: components["schemas"]["AskUserSettings"];
            queue: components["schemas"]["QueuedAnswer"][];
            stopRequested: boolean;
            waiting: components["schemas"]["AskUserWaitingQuestion"][];
            counters: components["schemas"]["AskUserCounters"];
        };
        /** @description Effective settings: built-in defaults, then project defaults, then the session's own. */
        AskUserSettings: {
            /** @description Offer the `ask_user` tool and add the feedback-loop policy to the system prompt. */
            enabled: boolean;
            /** @description Answer given when nothing is queued, autopilot is off and nobody answers in time. */
            fallbackAnswer: string;
            /** @description How long a pending question waits for an answer; 0 waits forever. */
            waitTimeoutSeconds: number;
            /** @description Open a pending question even when no client watches the event stream (otherwise the fallback answer is given at once). */
            askWhenUnwatched: boolean;
            autopilot: {
                /** @description Answer from `prompts` when the queue is empty. */
                enabled: boolean;
                /** @description Answers handed out in turn, cycling 1→2→3→1… */
                prompts: string[];
            };
            /** @description Warn once when the loop has run this long; 0 never warns. */
            warnAfterMinutes: number;
            /** @description Warn once after this many `ask_user` calls; 0 never warns. */
            warnAfterAskUserCalls: number;
        };
        QueuedAnswer: {
            id: string;
            text: string;
            createdAt: string;
        };
        AskUserWaitingQuestion: {
            /** @description Answer it at `…/extension-ui/{requestId}/response`. */
            requestId: string;
            toolCallId: string;
            question: string;
            createdAt: string;
            timeoutMs: number | null;
        };
        /** @description Loop counters: `ask_user` calls, runs that ended (and of those, with a direct reply instead of `ask_user`), other tool calls, and time since the loop started. */
        AskUserCounters: {
            startedAt: string | null;
            elapsedMs: number;
            askUserCalls: number;
            runs: number;
            directReplies: number;
            otherToolCalls: number;
        };
        /**
         * @description Any subset of the settings; omitted fields keep their value, `autopilot` fields merge one by one.
         * @example {
         *       "enabled": true,
         *       "autopilot": {
         *         "enabled": true,
         *         "prompts": [
         *           "continue",
         *           "add tests"
         *         ]
         *       }
         *     }
         */
        AskUserSettingsUpdate: {
            /** @description Offer the `ask_user` tool and add the feedback-loop policy to the system prompt. */
            enabled?: boolean;
            /** @description Answer given when nothing is queued, autopilot is off and nobody answers in time. */
            fallbackAnswer?: string;
            /** @description How long a pending question waits for an answer; 0 waits forever. */
            waitTimeoutSeconds?: number;
            /** @description Open a pending question even when no client watches the event stream (otherwise the fallback answer is given at once). */
            askWhenUnwatched?: boolean;
            autopilot?: {
                /** @description Answer from `prompts` when the queue is empty. */
                enabled?: boolean;
                /** @description Answers handed out in turn, cycling 1→2→3→1… */
                prompts?: string[];
            };
            /** @description Warn once when the loop has run this long; 0 never warns. */
            warnAfterMinutes?: number;
            /** @description Warn once after this many `ask_user` calls; 0 never warns. */
            warnAfterAskUserCalls?: number;
        };
        AnswerQueue: {
            /** @description Oldest (next) first. */
            items: components["schemas"]["QueuedAnswer"][];
        };
        EnqueuedAnswer: components["schemas"]["QueuedAnswer"] & {
            /** @description 1 is the next answer handed out; 0 means a waiting ask_user call took it at once. */
            position: number;
        };
        EnqueueAnswer: {
            /** @example now add tests for the edge cases */
            text: string;
        };
        ClearedAnswerQueue: {
            /** @description Answers removed. */
            cleared: number;
        };
        AskUserStopResult: {
            /** @description Waiting `ask_user` calls released with `stop`. */
            released: number;
            /** @description True when nothing waited: the next call answers `stop`. */
            stopRequested: boolean;
        };
        TaskEventPage: {
            events: {
                id: number;
                event?: components["schemas"]["TaskStreamEvent"];
            }[];
            /** @description Pass as `after` for the next page: the id of the last event in this page. */
            next: number;
            /** @description The newest event id when the page was read; open the stream from here to follow live. */
            lastEventId: number;
            /** @description Whether events after `next` exist already. */
            hasMore: boolean;
            /** @description Events after `after` were no longer kept: the page starts at the oldest kept one. Reload the history. */
            gap: boolean;
        };
        TaskCreated: {
            id: string;
            status: components["schemas"]["TaskStatus"];
        };
        /** @enum {string} */
        TaskStatus: "pending" | "approved" | "running" | "completed" | "failed" | "cancelled" | "rejected";
        CreateTask: {
            /**
             * @description At most the server's `API_MAX_TITLE_LENGTH` (default 200 characters), which can be set up to 100,000.
             * @example Fix the login redirect
             */
            title: string;
            /**
             * @description At most the server's `API_MAX_PROMPT_LENGTH` (default 20,000 characters), which can be set up to 10,000,000.
             * @example The login page redirects to /undefined after sign-in. Fix it.
             */
            prompt: string;
            /** @description Higher runs first. Default 0. */
            priority?: number;
            /**
             * @description The submitting system. At most the server's `API_MAX_SOURCE_LENGTH` (default 64 characters), which can be set up to 10,000.
             * @example github
             */
            source?: string;
            /**
             * @description The submitter's id. A re-delivery with the same `(source, externalId)` returns the existing task. At most the server's `API_MAX_EXTERNAL_ID_LENGTH` (default 128 characters), which can be set up to 10,000.
             * @example issue-42
             */
            externalId?: string;
            /** @description Free-form JSON object kept with the task. At most the server's `API_MAX_METADATA_BYTES` (default 16,384 bytes of JSON), which can be set up to 104,857,600. */
            metadata?: {
                [key: string]: unknown;
            };
        };
        TaskList: {
            items: components["schemas"]["TaskSummary"][];
            /** @description Items matching, across all pages. */
            total: number;
            limit: number;
            offset: number;
        };
        TaskSummary: {
            id: string;
            projectId: string;
            title: string;
            status: components["schemas"]["TaskStatus"];
            /**
             * @description The running session's status; `awaiting_input` while it waits on a UI answer.
             * @enum {string|null}
             */
            sessionStatus: "idle" | "streaming" | "awaiting_input" | null;
            priority: number;
            source: string | null;
            externalId: string | null;
            createdAt: string;
            updatedAt: string;
            approvedAt: string | null;
            startedAt: string | null;
            finishedAt: string | null;
            /** @description The project session the task runs in; every session route works on it. */
            sessionId: string | null;
            /** @description `tasks/<id>`, once the task started. */
            branch: string | null;
            /** @description Sha of the commit with the agent's changes. */
            commit: string | null;
            /** @description `true` pushed, `false` push failed, `null` not attempted (no remote or no changes). */
            pushed: boolean | null;
            prUrl: string | null;
            /** @description Why the task failed or was cancelled. */
            error: string | null;
        };
        Task: {
            id: string;
            projectId: string;
            title: string;
            status: components["schemas"]["TaskStatus"];
            /**
             * @description The running session's status; `awaiting_input` while it waits on a UI answer.
             * @enum {string|null}
             */
            sessionStatus: "idle" | "streaming" | "awaiting_input" | null;
            priority: number;
            source: string | null;
            externalId: string | null;
            createdAt: string;
            updatedAt: string;
            approvedAt: string | null;
            startedAt: string | null;
            finishedAt: string | null;
            /** @description The project session the task runs in; every session route works on it. */
            sessionId: string | null;
            /** @description `tasks/<id>`, once the task started. */
            branch: string | null;
            /** @description Sha of the commit with the agent's changes. */
            commit: string | null;
            /** @description `true` pushed, `false` push failed, `null` not attempted (no remote or no changes). */
            pushed: boolean | null;
            prUrl: string | null;
            /** @description Why the task failed or was cancelled. */
            error: string | null;
            prompt: string;
            metadata: {
                [key: string]: unknown;
            } | null;
            rejectReason: string | null;
            /** @description The task's git worktree while it exists. */
            worktreePath: string | null;
            pushError: string | null;
            prError: string | null;
            /** @description The agent's final text, bounded. */
            resultText: string | null;
        };
        RejectTask: {
            /** @description At most the server's `API_MAX_REJECT_REASON_LENGTH` (default 1,000 characters), which can be set up to 1,000,000. */
            reason?: string;
        };
        Caller: {
            /**
             * @description `bootstrap`: `AGENT_SERVER_TOKEN`; `token`: an API token; `open`: auth is off (every caller is admin).
             * @enum {string}
             */
            kind: "bootstrap" | "token" | "open";
            tokenId?: string;
            name: string;
            /**
             * @description `viewer`: read-only (lists, history, streams, usage). `operator`: also projects, sessions, prompts, approvals and tasks. `admin`: everything, including credentials, tokens and the audit log.
             * @enum {string}
             */
            role: "viewer" | "operator" | "admin";
            projects?: string[];
        };
        CreatedApiToken: {
            token: components["schemas"]["ApiToken"];
            /**
             * @description The bearer secret. Shown this once; only its hash is stored.
             * @example pas_Vq3oQ9…
             */
            secret: string;
        };
        ApiToken: {
            /** @example 0f8e2c1a-9d4b-4e57-8a51-3c2d1b0a9f8e */
            id: string;
            /** @example ci-submitter */
            name: string;
            /**
             * @description `viewer`: read-only (lists, history, streams, usage). `operator`: also projects, sessions, prompts, approvals and tasks. `admin`: everything, including credentials, tokens and the audit log.
             * @enum {string}
             */
            role: "viewer" | "operator" | "admin";
            /** @description Projects the token is limited to; absent for every project. */
            projects?: string[];
            /** Format: date-time */
            createdAt: string;
            /** @description Name of the token that created this one. */
            createdBy: string;
            /** Format: date-time */
            expiresAt?: string;
            /**
             * Format: date-time
             * @description Last successful use, to the minute.
             */
            lastUsedAt?: string;
        };
        CreateApiToken: {
            name: string;
            /**
             * @description `viewer`: read-only (lists, history, streams, usage). `operator`: also projects, sessions, prompts, approvals and tasks. `admin`: everything, including credentials, tokens and the audit log.
             * @enum {string}
             */
            role: "viewer" | "operator" | "admin";
            /** @description Limit the token to these project ids; omit for every project. */
            projects?: string[];
            /**
             * Format: date-time
             * @description When the token stops working; must be in the future.
             */
            expiresAt?: string;
        };
        ApiTokenList: {
            items: components["schemas"]["ApiToken"][];
        };
        AuditPage: {
            items: components["schemas"]["AuditRecord"][];
            /** @description Pass as `before` for the next (older) page. */
            next?: number;
        };
        AuditRecord: {
            id: number;
            /** Format: date-time */
            time: string;
            tokenId?: string;
            /** @description The token's name, `AGENT_SERVER_TOKEN`, `anonymous` (auth off), `webhook` or `unauthenticated` (refused). */
            tokenName: string;
            /**
             * @description `viewer`: read-only (lists, history, streams, usage). `operator`: also projects, sessions, prompts, approvals and tasks. `admin`: everything, including credentials, tokens and the audit log.
             * @enum {string}
             */
            role?: "viewer" | "operator" | "admin";
            method: string;
            /** @example /v1/projects/{projectId}/tasks/{taskId}/approve */
            route: string;
            /**
             * @description The ids the path named.
             * @example {
             *       "projectId": "my-app",
             *       "taskId": "t-1"
             *     }
             */
            target: {
                [key: string]: string;
            };
            status: number;
            /** @description The client's address. */
            client?: string;
        };
        CreatedWebhook: {
            webhook: components["schemas"]["Webhook"];
            /**
             * @description The signing secret, shown this once: the key of `webhook-signature` is the base64 after `whsec_`, decoded.
             * @example whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
             */
            secret: string;
        };
        Webhook: {
            /** @example 7b0c9a52-3f7e-4f64-9d1e-2c8a4c7d5e10 */
            id: string;
            /** @example https://hooks.example.com/pi */
            url: string;
            events: ("run.finished" | "task.status_changed" | "ask_user.waiting" | "extension_ui.waiting" | "budget.warning")[];
            description?: string;
            /** Format: date-time */
            createdAt: string;
        };
        CreateWebhook: {
            /** @description An http(s) URL. Refused when it is, or resolves to, a loopback, link-local or private address, unless the server sets `WEBHOOK_ALLOW_PRIVATE_URLS=true`; checked again before each attempt. */
            url: string;
            events: ("run.finished" | "task.status_changed" | "ask_user.waiting" | "extension_ui.waiting" | "budget.warning")[];
            /** @description Signing secret (`whsec_…`). Default: a new random one. */
            secret?: string;
            description?: string;
        };
        WebhookList: {
            items: components["schemas"]["Webhook"][];
        };
        WebhookDeliveryPage: {
            items: components["schemas"]["WebhookDelivery"][];
            /** @description Items matching, across all pages. */
            total: number;
            limit: number;
            offset: number;
        };
        WebhookDelivery: {
            /**
             * @description Also the `webhook-id` header, the same on every attempt and resend.
             * @example msg_4f1c2a9e0b7d4c3a8e6f5d2c1b0a9f8e
             */
            id: string;
            webhookId: string;
            /**
             * @description `run.finished`: a session's run ended. `task.status_changed`: a task moved to another status. `ask_user.waiting`: the agent asked a question and waits for an answer. `extension_ui.waiting`: an extension dialog (select, confirm, input, editor) waits for an answer. `budget.warning`: a budget reached its warning fraction.
             * @enum {string}
             */
            type: "run.finished" | "task.status_changed" | "ask_user.waiting" | "extension_ui.waiting" | "budget.warning";
            /**
             * @description `pending`: queued or waiting for a retry. `delivered`: a 2xx came. `failed`: given up after the retry window.
             * @enum {string}
             */
            status: "pending" | "delivered" | "failed";
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            nextAttemptAt: string | null;
            /** @description The body sent: `{ type, timestamp, data }`. */
            payload: {
                [key: string]: unknown;
            };
            /** @description Oldest first. */
            attempts: components["schemas"]["WebhookAttempt"][];
        };
        WebhookAttempt: {
            /** Format: date-time */
            at: string;
            /** @description null: no response (refused, timed out). */
            statusCode: number | null;
            /** @description The first 1024 characters of the response body. */
            response: string | null;
            /** @description null for a 2xx answer. */
            error: string | null;
            durationMs: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    "health.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The server is up. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "projects.list": {
        parameters: {
            query?: {
                /** @description Page size; at most the server's `API_MAX_PAGE_SIZE` (default 100). */
                limit?: number;
                /** @description Items to skip; at most the server's `API_MAX_OFFSET` (default 10000). */
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of projects. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectList"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "projects.create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "My App"
                 *     }
                 */
                "application/json": components["schemas"]["CreateProject"];
            };
        };
        responses: {
            /** @description The project already existed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Project"];
                };
            };
            /** @description The project was created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Project"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "projects.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The project. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Project"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "projects.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The project is gone. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "models.list": {
        parameters: {
            query?: {
                /** @description Only this provider's models. */
                provider?: string;
                /** @description Only models whose credentials are (or are not) available. */
                available?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The models. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelList"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "auth.listProviders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The providers. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProviderStatusList"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "auth.setApiKey": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "apiKey": "sk-ant-api03-…"
                 *     }
                 */
                "application/json": components["schemas"]["SetApiKey"];
            };
        };
        responses: {
            /** @description The provider's status after the change. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProviderStatus"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "auth.removeCredential": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed; an environment key, if any, applies again. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource's current state does not allow this; `detail` says why. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "auth.startSubscription": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The login flow. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubscriptionFlow"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource's current state does not allow this; `detail` says why. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "auth.getSubscription": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                flowId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The login flow. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubscriptionFlow"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "auth.cancelSubscription": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                flowId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The cancelled flow. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubscriptionFlow"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource's current state does not allow this; `detail` says why. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "auth.continueSubscription": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                flowId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "value": "http://localhost:1455/auth/callback?code=ac_3f9c…&state=8d1e…"
                 *     }
                 */
                "application/json": components["schemas"]["ContinueSubscription"];
            };
        };
        responses: {
            /** @description The login flow. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubscriptionFlow"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource's current state does not allow this; `detail` says why. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "custom.listProviders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The custom providers. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomProviderList"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource's current state does not allow this; `detail` says why. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "custom.upsertProvider": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "provider": "acme-llm",
                 *       "name": "Acme LLM gateway",
                 *       "baseUrl": "https://llm.acme.example/v1",
                 *       "api": "openai-completions",
                 *       "apiKey": "sk-acme-…",
                 *       "models": [
                 *         {
                 *           "id": "acme-coder-32b",
                 *           "name": "Acme Coder 32B",
                 *           "contextWindow": 128000
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["CustomProviderInput"];
            };
        };
        responses: {
            /** @description The provider was replaced. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomProvider"];
                };
            };
            /** @description The provider was created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomProvider"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource's current state does not allow this; `detail` says why. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "custom.deleteProvider": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource's current state does not allow this; `detail` says why. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "sessions.list": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The sessions. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionList"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "sessions.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: 1-255 visible ASCII characters (a UUID is a good choice), optionally quoted. The first response is stored for `IDEMPOTENCY_TTL_HOURS` (default 24 h) and replayed, with `Idempotent-Replayed: true`, to a retry with the same key and the same JSON body; the same key with another body is 422 `IDEMPOTENCY_KEY_REUSED`, a retry while the first is still being answered is 409 `IDEMPOTENCY_KEY_IN_FLIGHT`. See docs/idempotency.md. */
                "Idempotency-Key"?: string;
            };
            path: {
                projectId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "provider": "anthropic",
                 *       "modelId": "claude-sonnet-4-5",
                 *       "thinkingLevel": "medium",
                 *       "name": "Landing page"
                 *     }
                 */
                "application/json": components["schemas"]["CreateSession"];
            };
        };
        responses: {
            /** @description The new session, with the model it runs with. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedSession"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource's current state does not allow this; `detail` says why. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request was understood but refused; `detail` says why. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "sessions.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The session. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionDetail"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "sessions.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The session is gone. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "sessions.rename": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Landing page redesign"
                 *     }
                 */
                "application/json": components["schemas"]["RenameSession"];
            };
        };
        responses: {
            /** @description The renamed session. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionSummary"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "sessions.getSettings": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The settings. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionSettings"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "sessions.updateSettings": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "provider": "anthropic",
                 *       "modelId": "claude-sonnet-4-5",
                 *       "thinkingLevel": "high"
                 *     }
                 */
                "application/json": components["schemas"]["UpdateSessionSettings"];
            };
        };
        responses: {
            /** @description The effective settings. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionSettings"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource's current state does not allow this; `detail` says why. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request was understood but refused; `detail` says why. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "sessions.prompt": {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: 1-255 visible ASCII characters (a UUID is a good choice), optionally quoted. The first response is stored for `IDEMPOTENCY_TTL_HOURS` (default 24 h) and replayed, with `Idempotent-Replayed: true`, to a retry with the same key and the same JSON body; the same key with another body is 422 `IDEMPOTENCY_KEY_REUSED`, a retry while the first is still being answered is 409 `IDEMPOTENCY_KEY_IN_FLIGHT`. See docs/idempotency.md. */
                "Idempotency-Key"?: string;
            };
            path: {
                projectId: string;
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "text": "Add a dark-mode toggle to the header."
                 *     }
                 */
                "application/json": components["schemas"]["PromptInput"];
            };
        };
        responses: {
            /** @description Accepted: running, handed to pi or queued. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PromptAccepted"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource's current state does not allow this; `detail` says why. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request was understood but refused; `detail` says why. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A budget is spent (`BUDGET_EXCEEDED`); `budget` names it. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service cannot answer this now; `detail` says why. Retry after `Retry-After` seconds when it is given. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "sessions.steer": {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: 1-255 visible ASCII characters (a UUID is a good choice), optionally quoted. The first response is stored for `IDEMPOTENCY_TTL_HOURS` (default 24 h) and replayed, with `Idempotent-Replayed: true`, to a retry with the same key and the same JSON body; the same key with another body is 422 `IDEMPOTENCY_KEY_REUSED`, a retry while the first is still being answered is 409 `IDEMPOTENCY_KEY_IN_FLIGHT`. See docs/idempotency.md. */
                "Idempotency-Key"?: string;
            };
            path: {
                projectId: string;
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "text": "Use the existing CSS variables for the colours."
                 *     }
                 */
                "application/json": components["schemas"]["QueueMessageInput"];
            };
        };
        responses: {
            /** @description Queued. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Accepted"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource's current state does not allow this; `detail` says why. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request was understood but refused; `detail` says why. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A budget is spent (`BUDGET_EXCEEDED`); `budget` names it. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service cannot answer this now; `detail` says why. Retry after `Retry-After` seconds when it is given. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "sessions.followUp": {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: 1-255 visible ASCII characters (a UUID is a good choice), optionally quoted. The first response is stored for `IDEMPOTENCY_TTL_HOURS` (default 24 h) and replayed, with `Idempotent-Replayed: true`, to a retry with the same key and the same JSON body; the same key with another body is 422 `IDEMPOTENCY_KEY_REUSED`, a retry while the first is still being answered is 409 `IDEMPOTENCY_KEY_IN_FLIGHT`. See docs/idempotency.md. */
                "Idempotency-Key"?: string;
            };
            path: {
                projectId: string;
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "text": "Then run the tests and fix what fails."
                 *     }
                 */
                "application/json": components["schemas"]["QueueMessageInput"];
            };
        };
        responses: {
            /** @description Queued. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Accepted"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource's current state does not allow this; `detail` says why. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request was understood but refused; `detail` says why. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A budget is spent (`BUDGET_EXCEEDED`); `budget` names it. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service cannot answer this now; `detail` says why. Retry after `Retry-After` seconds when it is given. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "sessions.abort": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Aborted. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        status: components["schemas"]["SessionStatus"];
                    };
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "sessions.compact": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "customInstructions": "Keep the list of files changed so far."
                 *     }
                 */
                "application/json": components["schemas"]["CompactInput"];
            };
        };
        responses: {
            /** @description Compacted. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionCompaction"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource's current state does not allow this; `detail` says why. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request was understood but refused; `detail` says why. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "sessions.listQueue": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The queue and the session's on-busy default. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PromptQueue"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "sessions.cancelQueuedPrompt": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
                sessionId: string;
                itemId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "sessions.stats": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The statistics. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionStats"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "sessions.commands": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The commands. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionCommandList"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "sessions.listUiRequests": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Pending requests. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PendingExtensionUiRequestList"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "sessions.answerUiRequest": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
                sessionId: string;
                requestId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "confirmed": true
                 *     }
                 */
                "application/json": components["schemas"]["ExtensionUiAnswer"];
            };
        };
        responses: {
            /** @description Answered. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource's current state does not allow this; `detail` says why. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "sessions.events": {
        parameters: {
            query?: {
                /** @description Resume after this event id, like the `Last-Event-ID` header. */
                lastEventId?: string;
                /** @description A stream ticket from `sessions.createStreamTicket`, for clients that cannot send an `Authorization` header (native `EventSource`). */
                ticket?: string;
                /** @description With `Accept: application/json`: return the events after this id (default 0, from the oldest kept). */
                after?: number;
                /** @description With `Accept: application/json`: events per page, at most 1000 (default 100). */
                limit?: number;
                /** @description `compact` (default): `message_update` carries the delta (`CompactWireEvent`); `full`: pi's own events with the partial message in every `message_update` (`WireEvent`). */
                view?: "compact" | "full";
            };
            header?: never;
            path: {
                projectId: string;
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The event stream (the schema describes the JSON in each event's `data:` line), or with `Accept: application/json` a page of events. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["CompactWireEvent"] | components["schemas"]["WireEvent"];
                    "application/json": components["schemas"]["SessionEventPage"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service cannot answer this now; `detail` says why. Retry after `Retry-After` seconds when it is given. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "sessions.createStreamTicket": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The ticket and the stream URL that uses it. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StreamTicket"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "usage.get": {
        parameters: {
            query?: {
                /** @description Start of the range, inclusive (ISO 8601). Default: 30 days before `to`. */
                from?: string;
                /** @description End of the range, exclusive (ISO 8601). Default: now. */
                to?: string;
                /** @description Only this project (deleted projects keep their history). */
                project?: string;
                /** @description Only this model: a model id or `provider/model`. */
                model?: string;
                /** @description How `groups` are formed. Default `project`. */
                groupBy?: "project" | "model" | "day" | "tool";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The aggregate. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UsageReport"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "agents.live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The running agents. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LiveAgentList"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "budgets.getOrg": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The org budget. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BudgetView"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "budgets.putOrg": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "day": {
                 *         "costUsd": 5
                 *       },
                 *       "month": {
                 *         "costUsd": 100,
                 *         "tokens": 20000000
                 *       },
                 *       "run": {
                 *         "costUsd": 1,
                 *         "toolCalls": 50
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["BudgetLimits"];
            };
        };
        responses: {
            /** @description The org budget. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BudgetView"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "budgets.getProject": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The project budget. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BudgetView"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "budgets.putProject": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "day": {
                 *         "costUsd": 5
                 *       },
                 *       "month": {
                 *         "costUsd": 100,
                 *         "tokens": 20000000
                 *       },
                 *       "run": {
                 *         "costUsd": 1,
                 *         "toolCalls": 50
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["BudgetLimits"];
            };
        };
        responses: {
            /** @description The project budget. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BudgetView"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "metrics.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The metrics. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain; version=0.0.4; charset=utf-8": string;
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "askuser.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The ask_user state. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AskUserOverview"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "askuser.getSettings": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The settings. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AskUserSettings"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "askuser.updateSettings": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "enabled": true,
                 *       "waitTimeoutSeconds": 600,
                 *       "autopilot": {
                 *         "enabled": true,
                 *         "prompts": [
                 *           "continue",
                 *           "add tests"
                 *         ]
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["AskUserSettingsUpdate"];
            };
        };
        responses: {
            /** @description The effective settings. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AskUserSettings"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "askuser.listQueue": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The queue. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnswerQueue"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "askuser.enqueue": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "text": "Now add tests for the edge cases."
                 *     }
                 */
                "application/json": components["schemas"]["EnqueueAnswer"];
            };
        };
        responses: {
            /** @description Queued. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnqueuedAnswer"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource's current state does not allow this; `detail` says why. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "askuser.clearQueue": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The queue is empty. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClearedAnswerQueue"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "askuser.stop": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Stopped. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AskUserStopResult"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "askuser.getCounters": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The counters. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AskUserCounters"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "askuser.resetCounters": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The reset counters. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AskUserCounters"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "askuser.getDefaults": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Built-in defaults overlaid with the project's. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AskUserSettings"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "askuser.replaceDefaults": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "enabled": true,
                 *       "waitTimeoutSeconds": 600,
                 *       "autopilot": {
                 *         "enabled": true,
                 *         "prompts": [
                 *           "continue",
                 *           "add tests"
                 *         ]
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["AskUserSettingsUpdate"];
            };
        };
        responses: {
            /** @description The effective project defaults. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AskUserSettings"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "tasks.createStreamTicket": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The ticket and the stream URL that uses it. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StreamTicket"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "tasks.events": {
        parameters: {
            query?: {
                /** @description Resume after this event id, like the `Last-Event-ID` header. */
                lastEventId?: string;
                /** @description A stream ticket from `tasks.createStreamTicket`, for clients that cannot send an `Authorization` header (native `EventSource`). */
                ticket?: string;
                /** @description With `Accept: application/json`: return the events after this id (default 0, from the oldest kept). */
                after?: number;
                /** @description With `Accept: application/json`: events per page, at most 1000 (default 100). */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The event stream (the schema describes the JSON in each event's `data:` line, a `TaskStreamEvent`), or with `Accept: application/json` a page of events. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["TaskStreamEvent"];
                    "application/json": components["schemas"]["TaskEventPage"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service cannot answer this now; `detail` says why. Retry after `Retry-After` seconds when it is given. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "tasks.list": {
        parameters: {
            query?: {
                /** @description Page size; at most the server's `API_MAX_PAGE_SIZE` (default 100). */
                limit?: number;
                /** @description Items to skip; at most the server's `API_MAX_OFFSET` (default 10000). */
                offset?: number;
                status?: components["schemas"]["TaskStatus"];
            };
            header?: never;
            path: {
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of tasks. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskList"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "tasks.submit": {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: 1-255 visible ASCII characters (a UUID is a good choice), optionally quoted. The first response is stored for `IDEMPOTENCY_TTL_HOURS` (default 24 h) and replayed, with `Idempotent-Replayed: true`, to a retry with the same key and the same JSON body; the same key with another body is 422 `IDEMPOTENCY_KEY_REUSED`, a retry while the first is still being answered is 409 `IDEMPOTENCY_KEY_IN_FLIGHT`. See docs/idempotency.md. */
                "Idempotency-Key"?: string;
            };
            path: {
                projectId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "title": "Fix the login redirect",
                 *       "prompt": "The login page redirects to /undefined after sign-in. Fix it.",
                 *       "priority": 1,
                 *       "source": "github",
                 *       "externalId": "issue-42",
                 *       "metadata": {
                 *         "url": "https://github.com/acme/app/issues/42"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["CreateTask"];
            };
        };
        responses: {
            /** @description A re-delivery: the existing task. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskCreated"];
                };
            };
            /** @description The new pending task. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskCreated"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource's current state does not allow this; `detail` says why. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request was understood but refused; `detail` says why. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service cannot answer this now; `detail` says why. Retry after `Retry-After` seconds when it is given. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "tasks.listAll": {
        parameters: {
            query?: {
                /** @description Page size; at most the server's `API_MAX_PAGE_SIZE` (default 100). */
                limit?: number;
                /** @description Items to skip; at most the server's `API_MAX_OFFSET` (default 10000). */
                offset?: number;
                status?: components["schemas"]["TaskStatus"];
                /** @description Only this project's tasks. */
                projectId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of tasks. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskList"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "tasks.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
                taskId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The task. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "tasks.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
                taskId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The task is gone. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource's current state does not allow this; `detail` says why. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "tasks.approve": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
                taskId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The task after the transition. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource's current state does not allow this; `detail` says why. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A budget is spent (`BUDGET_EXCEEDED`); `budget` names it. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "tasks.reject": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
                taskId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "reason": "Duplicate of the task for issue 41."
                 *     }
                 */
                "application/json": components["schemas"]["RejectTask"];
            };
        };
        responses: {
            /** @description The task after the transition. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource's current state does not allow this; `detail` says why. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "tasks.cancel": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
                taskId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The task after the transition. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource's current state does not allow this; `detail` says why. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "access.whoami": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The caller. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Caller"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "tokens.list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The tokens. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiTokenList"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "tokens.create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "ci-submitter",
                 *       "role": "operator",
                 *       "projects": [
                 *         "my-app"
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["CreateApiToken"];
            };
        };
        responses: {
            /** @description The token and its secret. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedApiToken"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "tokens.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tokenId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The token is gone. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "audit.list": {
        parameters: {
            query?: {
                from?: string;
                to?: string;
                tokenId?: string;
                projectId?: string;
                /** @description `METHOD route`, e.g. `POST /v1/projects/{projectId}`. */
                action?: string;
                /** @description Records older than this id: the `next` of the previous page. */
                before?: number;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of records. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPage"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "webhooks.list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The subscriptions, oldest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookList"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "webhooks.create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "url": "https://hooks.example.com/pi",
                 *       "events": [
                 *         "task.status_changed",
                 *         "run.finished"
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["CreateWebhook"];
            };
        };
        responses: {
            /** @description The subscription and its secret. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedWebhook"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "webhooks.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The subscription. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Webhook"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "webhooks.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The subscription is gone. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "webhooks.deliveries": {
        parameters: {
            query?: {
                /** @description Page size; at most the server's `API_MAX_PAGE_SIZE` (default 100). */
                limit?: number;
                /** @description Items to skip; at most the server's `API_MAX_OFFSET` (default 10000). */
                offset?: number;
            };
            header?: never;
            path: {
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of deliveries. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryPage"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "webhooks.resend": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhookId: string;
                deliveryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The delivery, pending again. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDelivery"];
                };
            };
            /** @description The request is invalid; `errors` lists the offending fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or wrong bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role or project scope does not allow this (`FORBIDDEN`), or a web page of another origin tried to change state (`ORIGIN_NOT_ALLOWED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The resource's current state does not allow this; `detail` says why. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; the body never carries internals. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
