/**
 * WireEvent and its member types, generated from eventSchema.generated.json by
 * `npm run gen:event-schema` with openapi-typescript — the same types a consumer gets by
 * running openapi-typescript on openapi.json. Do not edit.
 */
export type paths = Record<string, never>;
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
        /** @description One prompt waiting in a session's queue (`GET …/sessions/{sessionId}/queue`). */
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
        /**
         * @description What a session is doing: idle, running a prompt, or blocked on an extension dialog.
         * @enum {string}
         */
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
        /**
         * @description Thinking/reasoning level for models that support it.
         *     Note: "xhigh" is only supported by selected model families. Use model thinking-level metadata
         *     from
         * @enum {string}
         */
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
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type AgentEndEvent = components['schemas']['AgentEndEvent'];
export type AgentMessage = components['schemas']['AgentMessage'];
export type AgentStartEvent = components['schemas']['AgentStartEvent'];
export type Api = components['schemas']['Api'];
export type AskUserAnsweredEvent = components['schemas']['AskUserAnsweredEvent'];
export type AskUserStateEvent = components['schemas']['AskUserStateEvent'];
export type AskUserWaitingEvent = components['schemas']['AskUserWaitingEvent'];
export type AskUserWarningEvent = components['schemas']['AskUserWarningEvent'];
export type AssistantMessage = components['schemas']['AssistantMessage'];
export type AssistantMessageDelta = components['schemas']['AssistantMessageDelta'];
export type AssistantMessageDiagnostic = components['schemas']['AssistantMessageDiagnostic'];
export type AssistantMessageEvent = components['schemas']['AssistantMessageEvent'];
export type AutoRetryEndEvent = components['schemas']['AutoRetryEndEvent'];
export type AutoRetryStartEvent = components['schemas']['AutoRetryStartEvent'];
export type BashExecutionMessage = components['schemas']['BashExecutionMessage'];
export type BranchSummaryMessage = components['schemas']['BranchSummaryMessage'];
export type BudgetExceededEvent = components['schemas']['BudgetExceededEvent'];
export type BudgetRef = components['schemas']['BudgetRef'];
export type BudgetWarningEvent = components['schemas']['BudgetWarningEvent'];
export type CompactMessageUpdateEvent = components['schemas']['CompactMessageUpdateEvent'];
export type CompactTurnEndEvent = components['schemas']['CompactTurnEndEvent'];
export type CompactWireEvent = components['schemas']['CompactWireEvent'];
export type CompactionEndEvent = components['schemas']['CompactionEndEvent'];
export type CompactionResult = components['schemas']['CompactionResult'];
export type CompactionStartEvent = components['schemas']['CompactionStartEvent'];
export type CompactionSummaryMessage = components['schemas']['CompactionSummaryMessage'];
export type CustomMessage = components['schemas']['CustomMessage'];
export type DiagnosticErrorInfo = components['schemas']['DiagnosticErrorInfo'];
export type ExtensionErrorEvent = components['schemas']['ExtensionErrorEvent'];
export type ExtensionUiDialogMethod = components['schemas']['ExtensionUiDialogMethod'];
export type ExtensionUiDialogRequest = components['schemas']['ExtensionUiDialogRequest'];
export type ExtensionUiNotifyRequest = components['schemas']['ExtensionUiNotifyRequest'];
export type ExtensionUiResolvedEvent = components['schemas']['ExtensionUiResolvedEvent'];
export type ExtensionUiSetEditorTextRequest = components['schemas']['ExtensionUiSetEditorTextRequest'];
export type ExtensionUiSetStatusRequest = components['schemas']['ExtensionUiSetStatusRequest'];
export type ExtensionUiSetTitleRequest = components['schemas']['ExtensionUiSetTitleRequest'];
export type ExtensionUiSetWidgetRequest = components['schemas']['ExtensionUiSetWidgetRequest'];
export type ImageContent = components['schemas']['ImageContent'];
export type MessageEndEvent = components['schemas']['MessageEndEvent'];
export type MessagePatch = components['schemas']['MessagePatch'];
export type MessageStartEvent = components['schemas']['MessageStartEvent'];
export type MessageUpdateEvent = components['schemas']['MessageUpdateEvent'];
export type PromptQueueEvent = components['schemas']['PromptQueueEvent'];
export type QueueUpdateEvent = components['schemas']['QueueUpdateEvent'];
export type QueuedPrompt = components['schemas']['QueuedPrompt'];
export type Recordstringstring = components['schemas']['Recordstringstring'];
export type ReplayGapEvent = components['schemas']['ReplayGapEvent'];
export type SessionInfoChangedEvent = components['schemas']['SessionInfoChangedEvent'];
export type SessionStatus = components['schemas']['SessionStatus'];
export type SessionStatusEvent = components['schemas']['SessionStatusEvent'];
export type StopReason = components['schemas']['StopReason'];
export type TaskDeletedEvent = components['schemas']['TaskDeletedEvent'];
export type TaskStatusEvent = components['schemas']['TaskStatusEvent'];
export type TaskStreamEvent = components['schemas']['TaskStreamEvent'];
export type TextContent = components['schemas']['TextContent'];
export type TextDeltaDelta = components['schemas']['TextDeltaDelta'];
export type TextEndDelta = components['schemas']['TextEndDelta'];
export type TextStartDelta = components['schemas']['TextStartDelta'];
export type ThinkingContent = components['schemas']['ThinkingContent'];
export type ThinkingDeltaDelta = components['schemas']['ThinkingDeltaDelta'];
export type ThinkingEndDelta = components['schemas']['ThinkingEndDelta'];
export type ThinkingLevel = components['schemas']['ThinkingLevel'];
export type ThinkingLevelChangedEvent = components['schemas']['ThinkingLevelChangedEvent'];
export type ThinkingStartDelta = components['schemas']['ThinkingStartDelta'];
export type ToolCall = components['schemas']['ToolCall'];
export type ToolExecutionEndEvent = components['schemas']['ToolExecutionEndEvent'];
export type ToolExecutionStartEvent = components['schemas']['ToolExecutionStartEvent'];
export type ToolExecutionUpdateEvent = components['schemas']['ToolExecutionUpdateEvent'];
export type ToolResultMessage = components['schemas']['ToolResultMessage'];
export type ToolcallDeltaDelta = components['schemas']['ToolcallDeltaDelta'];
export type ToolcallEndDelta = components['schemas']['ToolcallEndDelta'];
export type ToolcallStartDelta = components['schemas']['ToolcallStartDelta'];
export type TurnEndEvent = components['schemas']['TurnEndEvent'];
export type TurnStartEvent = components['schemas']['TurnStartEvent'];
export type Usage = components['schemas']['Usage'];
export type UserMessage = components['schemas']['UserMessage'];
export type WireEvent = components['schemas']['WireEvent'];
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
