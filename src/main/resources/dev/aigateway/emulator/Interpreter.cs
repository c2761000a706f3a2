// Executes policy elements as APIM's policy reference pages describe them. Each modelled element
// is one case below; the Java side refuses to start with any other element or attribute.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using Newtonsoft.Json.Linq;

namespace AiGatewayEmulator
{
    /// An error as APIM raises it: processing jumps to on-error with context.LastError set.
    public sealed class PolicyError : Exception
    {
        public readonly string Source;
        public readonly string Reason;
        /// The policy already put its own answer in context.Response (limit refusals do).
        public readonly bool ResponseSet;
        public Node At;

        public PolicyError(string source, string reason, string message, bool responseSet = false) : base(message)
        {
            Source = source;
            Reason = reason;
            ResponseSet = responseSet;
        }
    }

    /// return-response: the pipeline ends with context.Response as the answer.
    public sealed class ReturnSignal : Exception { }

    /// Token usage of a model response, reported or estimated.
    public sealed class Usage
    {
        public long Prompt;
        public long Completion;
        public long Total { get { return Prompt + Completion; } }
        public bool Estimated;
    }

    /// One request on its way through the gateway.
    public sealed class Exchange
    {
        public GatewayModel Model;
        public ContextImpl Ctx;
        public ApiModel Api;
        public OperationModel Operation;
        /// global, product, API, operation: the documents present, broadest first.
        public List<PolicyDocument> Scopes = new List<PolicyDocument>();
        public int ScopeIndex;
        public string Section;
        /// The request path after the API's path, as forward-request appends it to the backend URL.
        public string PathSuffix;
        public string BackendBase;
        public string BackendName;
        public bool BodySent;
        public bool BodyBuffered;
        /// The response the last forward-request received: the one the token policies count.
        public ResponseImpl BackendResponse;
        public long PromptEstimate = -1;
        public bool Streamed;
        public readonly List<Action<Usage>> UsageObservers = new List<Action<Usage>>();
        public readonly List<Action> AfterPipeline = new List<Action>();
        public readonly List<string> Tries = new List<string>();
        public readonly Dictionary<string, string> SentKeyNames = new Dictionary<string, string>();
        /// Set for an MCP server: forward-request hands the request to it instead of a backend URL.
        public Func<Exchange, ResponseImpl> LocalBackend;
    }

    public sealed class Interpreter
    {
        readonly GatewayModel model;
        readonly Func<IContext, object>[] expressions;
        public readonly Cache Cache = new Cache();
        public readonly Counters Counters = new Counters();
        public readonly Metrics Metrics = new Metrics();

        public Interpreter(GatewayModel model, Func<IContext, object>[] expressions)
        {
            this.model = model;
            this.expressions = expressions;
        }

        // ---- sections and scopes ----------------------------------------------------------

        /// Run a section of the effective policy: the most specific scope's section, with each
        /// <base/> standing for the same section of the scope above it.
        public void RunSection(Exchange ex, string section)
        {
            ex.Section = section;
            RunScope(ex, ex.Scopes.Count - 1);
        }

        void RunScope(Exchange ex, int index)
        {
            if (index < 0) { return; }
            PolicyDocument doc = ex.Scopes[index];
            Node section;
            if (!doc.Sections.TryGetValue(ex.Section, out section))
            {
                RunScope(ex, index - 1); // a scope without the section inherits it
                return;
            }
            int saved = ex.ScopeIndex;
            ex.ScopeIndex = index;
            try { RunAll(section.Children, ex, null); }
            finally { ex.ScopeIndex = saved; }
        }

        string ScopeName(Exchange ex) { return ex.Scopes.Count == 0 ? "global" : ex.Scopes[Math.Min(ex.ScopeIndex, ex.Scopes.Count - 1)].Scope; }

        void RunAll(IEnumerable<Node> nodes, Exchange ex, object target)
        {
            foreach (Node n in nodes) { Run(n, ex, target); }
        }

        /// {@code target}: where set-header, set-body, set-status and set-method act when not the
        /// section's own message: a return-response's response or a send-request's request.
        void Run(Node n, Exchange ex, object target)
        {
            try { Execute(n, ex, target); }
            catch (PolicyError e)
            {
                if (e.At == null) { e.At = n; }
                throw;
            }
        }

        void Execute(Node n, Exchange ex, object target)
        {
            switch (n.Name)
            {
                case "base": RunScope(ex, ex.ScopeIndex - 1); break;
                case "include-fragment": IncludeFragment(n, ex, target); break;
                case "choose": Choose(n, ex, target); break;
                case "set-variable": ex.Ctx.VariableValues.Set(n.Attributes["name"].Literal, VariableValue(n, ex)); break;
                case "set-header": SetHeader(n, ex, target); break;
                case "set-body": SetBody(n, ex, target); break;
                case "set-status": SetStatus(n, ex, target); break;
                case "set-method": SetMethod(n, ex, target); break;
                case "return-response": ReturnResponse(n, ex); break;
                case "retry": Retry(n, ex, target); break;
                case "cache-lookup-value": CacheLookup(n, ex); break;
                case "cache-store-value": CacheStore(n, ex); break;
                case "set-backend-service": SetBackend(n, ex); break;
                case "forward-request": Forward(n, ex); break;
                case "send-request": SendRequest(n, ex); break;
                case "authentication-managed-identity": ManagedIdentity(n, ex, target); break;
                case "rate-limit-by-key": RateLimit(n, ex); break;
                case "quota-by-key": Quota(n, ex); break;
                case "azure-openai-token-limit":
                case "llm-token-limit": TokenLimit(n, ex); break;
                case "azure-openai-emit-token-metric":
                case "llm-emit-token-metric": TokenMetric(n, ex); break;
                case "emit-metric": EmitMetric(n, ex); break;
                default: throw new InvalidOperationException(n.Where + " is not modelled by the emulator");
            }
        }

        // ---- values ----------------------------------------------------------------------

        object Eval(Value v, Exchange ex, Node at)
        {
            if (v == null) { return null; }
            if (!v.IsExpression) { return v.Literal; }
            try { return expressions[v.Expression](ex.Ctx); }
            catch (PolicyError) { throw; }
            catch (Exception e)
            {
                Exception inner = e is System.Reflection.TargetInvocationException && e.InnerException != null ? e.InnerException : e;
                throw new PolicyError(at.Name, "ExpressionValueEvaluationFailure",
                    "Expression evaluation failed. " + inner.GetType().Name + ": " + inner.Message);
            }
        }

        object Attr(Node n, string name, Exchange ex)
        {
            Value v;
            return n.Attributes.TryGetValue(name, out v) ? Eval(v, ex, n) : null;
        }

        string AttrString(Node n, string name, Exchange ex, string fallback = null)
        {
            object v = Attr(n, name, ex);
            return v == null ? fallback : Convert.ToString(v, CultureInfo.InvariantCulture);
        }

        bool AttrBool(Node n, string name, Exchange ex, bool fallback)
        {
            object v = Attr(n, name, ex);
            if (v == null) { return fallback; }
            if (v is bool) { return (bool)v; }
            bool b;
            if (bool.TryParse(((string)v).Trim(), out b)) { return b; }
            throw new PolicyError(n.Name, "InvalidValue", "attribute '" + name + "' is not true or false");
        }

        long? AttrLong(Node n, string name, Exchange ex)
        {
            object v = Attr(n, name, ex);
            if (v == null) { return null; }
            if (v is string)
            {
                long parsed;
                if (long.TryParse(((string)v).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out parsed)) { return parsed; }
                throw new PolicyError(n.Name, "InvalidValue", "attribute '" + name + "' is not a whole number");
            }
            return Convert.ToInt64(v, CultureInfo.InvariantCulture);
        }

        double? AttrDouble(Node n, string name, Exchange ex)
        {
            object v = Attr(n, name, ex);
            if (v == null) { return null; }
            if (v is string) { return double.Parse(((string)v).Trim(), CultureInfo.InvariantCulture); }
            return Convert.ToDouble(v, CultureInfo.InvariantCulture);
        }

        string Text(Node n, Exchange ex)
        {
            object v = Eval(n.Text, ex, n);
            return v == null ? "" : Convert.ToString(v, CultureInfo.InvariantCulture);
        }

        static readonly HashSet<Type> Storable = new HashSet<Type>
        {
            typeof(bool), typeof(sbyte), typeof(byte), typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long), typeof(ulong),
            typeof(decimal), typeof(float), typeof(double), typeof(Guid), typeof(string), typeof(char), typeof(DateTime), typeof(TimeSpan),
            typeof(byte[]), typeof(sbyte[])
        };

        /// set-variable stores literals as strings and expression values of the types its reference page lists.
        object VariableValue(Node n, Exchange ex)
        {
            Value v = n.Attributes["value"];
            object value = Eval(v, ex, n);
            if (v.IsExpression && value != null && !Storable.Contains(value.GetType()))
            {
                throw new PolicyError("set-variable", "ExpressionValueEvaluationFailure", "set-variable cannot store a value of type "
                    + value.GetType().Name + "; its reference lists the types it can");
            }
            return value;
        }

        // ---- flow ------------------------------------------------------------------------

        void IncludeFragment(Node n, Exchange ex, object target)
        {
            string id = n.Attributes["fragment-id"].Literal;
            Node fragment;
            if (!model.Fragments.TryGetValue(id, out fragment)) { throw new InvalidOperationException(n.Where + ": no fragment '" + id + "'"); }
            RunAll(fragment.Children, ex, target);
        }

        void Choose(Node n, Exchange ex, object target)
        {
            foreach (Node branch in n.Children)
            {
                if (branch.Name == "when")
                {
                    if (AttrBool(branch, "condition", ex, false)) { RunAll(branch.Children, ex, target); return; }
                }
                else if (branch.Name == "otherwise")
                {
                    RunAll(branch.Children, ex, target);
                    return;
                }
            }
        }

        /// The children run once, then again while the condition holds and retries remain
        /// (count retries: up to count + 1 runs). Waits follow the retry reference: fixed
        /// interval, linear with delta, or exponential with delta and max-interval; the first
        /// retry is immediate with first-fast-retry. On the manual clock a wait advances the clock.
        void Retry(Node n, Exchange ex, object target)
        {
            long count = AttrLong(n, "count", ex) ?? 1;
            for (int attempt = 0; ; attempt++)
            {
                try { RunAll(n.Children, ex, target); }
                catch (PolicyError)
                {
                    if (!model.Options.RetryCatchesErrors || attempt >= count || !AttrBool(n, "condition", ex, false)) { throw; }
                    Wait(n, ex, attempt);
                    continue;
                }
                if (attempt >= count || !AttrBool(n, "condition", ex, false)) { return; }
                Wait(n, ex, attempt);
            }
        }

        void Wait(Node n, Exchange ex, int retryIndex)
        {
            if (retryIndex == 0 && AttrBool(n, "first-fast-retry", ex, false)) { return; }
            double interval = AttrDouble(n, "interval", ex) ?? 0;
            double? delta = AttrDouble(n, "delta", ex);
            double? max = AttrDouble(n, "max-interval", ex);
            double seconds = interval;
            if (delta.HasValue && max.HasValue) { seconds = Math.Min(max.Value, interval + (Math.Pow(2, retryIndex) - 1) * delta.Value); }
            else if (delta.HasValue) { seconds = interval + retryIndex * delta.Value; }
            if (seconds <= 0) { return; }
            if (model.Options.Clock == "manual") { Emu.Advance(TimeSpan.FromSeconds(seconds)); } else { Thread.Sleep(TimeSpan.FromSeconds(seconds)); }
        }

        void ReturnResponse(Node n, Exchange ex)
        {
            var response = new ResponseImpl();
            Value var;
            if (n.Attributes.TryGetValue("response-variable-name", out var))
            {
                object held;
                ex.Ctx.VariableValues.TryGetValue(var.Literal, out held);
                IResponse from = held as IResponse;
                if (from != null)
                {
                    response.StatusCode = from.StatusCode;
                    response.StatusReason = from.StatusReason;
                    foreach (var h in from.Headers) { response.HeaderValues.Set(h.Key, h.Value); }
                    var body = from.Body as MessageBody;
                    response.BodyValue = new MessageBody(body == null ? new byte[0] : body.Bytes);
                }
            }
            RunAll(n.Children, ex, response);
            Dispose(ex.Ctx.ResponseValue, response);
            ex.Ctx.ResponseValue = response;
            throw new ReturnSignal();
        }

        static void Dispose(ResponseImpl old, ResponseImpl replacement)
        {
            if (old != null && old != replacement && old.BodyValue.IsStream) { var s = old.BodyValue.TakeStream(); if (s != null) { s.Dispose(); } }
        }

        // ---- messages --------------------------------------------------------------------

        /// The message a set-header or set-body acts on: the target given, else the request in
        /// inbound and backend, the response in outbound and on-error.
        object Message(Exchange ex, object target)
        {
            if (target != null) { return target; }
            return ex.Section == "inbound" || ex.Section == "backend" ? (object)ex.Ctx.RequestValue : ex.Ctx.ResponseValue;
        }

        static HeaderMap HeadersOf(object message)
        {
            var req = message as RequestImpl;
            if (req != null) { return req.HeaderValues; }
            var resp = message as ResponseImpl;
            if (resp != null) { return resp.HeaderValues; }
            return ((OutgoingRequest)message).Headers;
        }

        static readonly HashSet<string> Untouchable = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Connection", "Content-Length", "Keep-Alive", "Transfer-Encoding" };

        void SetHeader(Node n, Exchange ex, object target)
        {
            string name = AttrString(n, "name", ex);
            string action = (AttrString(n, "exists-action", ex, "override") ?? "override").Trim().ToLowerInvariant();
            if (Untouchable.Contains(name)) { return; } // the set-header page: these cannot be modified or deleted
            HeaderMap headers = HeadersOf(Message(ex, target));
            var values = n.ChildrenNamed("value").Select(v => Text(v, ex)).ToList();
            switch (action)
            {
                case "override": headers.Set(name, values); break;
                case "skip": if (!headers.ContainsKey(name)) { headers.Set(name, values); } break;
                case "append": foreach (string v in values) { headers.Append(name, v); } break;
                case "delete": headers.Remove(name); break;
                default: throw new PolicyError("set-header", "InvalidValue", "exists-action must be override, skip, append or delete");
            }
        }

        void SetBody(Node n, Exchange ex, object target)
        {
            string text = Text(n, ex);
            object message = Message(ex, target);
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            var req = message as RequestImpl;
            var resp = message as ResponseImpl;
            if (req != null) { req.BodyValue = new MessageBody(bytes); }
            else if (resp != null) { Dispose(resp, null); resp.BodyValue = new MessageBody(bytes); }
            else { ((OutgoingRequest)message).Body = bytes; }
        }

        void SetStatus(Node n, Exchange ex, object target)
        {
            var response = target as ResponseImpl ?? ex.Ctx.ResponseValue;
            response.StatusCode = (int)(AttrLong(n, "code", ex) ?? 200);
            response.StatusReason = AttrString(n, "reason", ex, ReasonPhrase(response.StatusCode));
        }

        void SetMethod(Node n, Exchange ex, object target)
        {
            string method = Text(n, ex).Trim().ToUpperInvariant();
            var outgoing = target as OutgoingRequest;
            if (outgoing != null) { outgoing.Method = method; } else { ex.Ctx.RequestValue.Method = method; }
        }

        public static string ReasonPhrase(int status)
        {
            switch (status)
            {
                case 200: return "OK";
                case 400: return "Bad Request";
                case 401: return "Unauthorized";
                case 403: return "Forbidden";
                case 404: return "Not Found";
                case 413: return "Payload Too Large";
                case 429: return "Too Many Requests";
                case 500: return "Internal Server Error";
                case 502: return "Bad Gateway";
                case 503: return "Service Unavailable";
                case 504: return "Gateway Timeout";
                default: return "";
            }
        }

        // ---- cache -----------------------------------------------------------------------

        /// A hit sets the variable; a miss sets default-value when there is one and leaves the
        /// variable unset otherwise (the cache-by-key how-to); an unavailable cache is a miss.
        void CacheLookup(Node n, Exchange ex)
        {
            string key = AttrString(n, "key", ex);
            string variable = n.Attributes["variable-name"].Literal;
            object value;
            if (Cache.TryGet(key, out value)) { ex.Ctx.VariableValues.Set(variable, value); return; }
            if (n.Has("default-value")) { ex.Ctx.VariableValues.Set(variable, Attr(n, "default-value", ex)); }
        }

        /// Stores are asynchronous (cache-store-value reference): by default a request's stores
        /// become visible when its policies have run, so its own later reads do not see them.
        void CacheStore(Node n, Exchange ex)
        {
            string key = AttrString(n, "key", ex);
            object value = Attr(n, "value", ex);
            double duration = AttrDouble(n, "duration", ex) ?? 0;
            if (model.Options.CacheStoreVisibility == "immediate") { Cache.Store(key, value, duration); }
            else { ex.AfterPipeline.Add(() => Cache.Store(key, value, duration)); }
        }

        // ---- backends --------------------------------------------------------------------

        void SetBackend(Node n, Exchange ex)
        {
            if (n.Has("backend-id"))
            {
                string id = AttrString(n, "backend-id", ex);
                string url;
                if (id == null || !model.Backends.TryGetValue(id, out url))
                {
                    throw new PolicyError("set-backend-service", "BackendNotFound", "the backend '" + id + "' is not defined");
                }
                ex.BackendBase = url;
                ex.BackendName = id;
            }
            else
            {
                ex.BackendBase = AttrString(n, "base-url", ex);
                ex.BackendName = ex.BackendBase;
            }
            UrlImpl target = UrlImpl.Parse(ex.BackendBase.TrimEnd('/') + ex.PathSuffix);
            target.QueryValues = ex.Ctx.RequestValue.UrlValue.QueryValues;
            ex.Ctx.RequestValue.UrlValue = target;
        }

        void Forward(Node n, Exchange ex)
        {
            long? timeoutMs = AttrLong(n, "timeout-ms", ex);
            long? timeout = AttrLong(n, "timeout", ex);
            int waitMs = (int)Math.Min(int.MaxValue, timeoutMs ?? (timeout ?? 300) * 1000);
            bool bufferBody = AttrBool(n, "buffer-request-body", ex, false);
            bool bufferResponse = AttrBool(n, "buffer-response", ex, true);
            bool failOnError = AttrBool(n, "fail-on-error-status-code", ex, false);
            RequestImpl req = ex.Ctx.RequestValue;
            var outgoing = new OutgoingRequest { Method = req.Method, Url = req.UrlValue.ToUriString(), Headers = req.HeaderValues.Copy() };
            // A body that was not buffered went to the first backend; a second forward sends nothing.
            outgoing.Body = ex.BodySent && !ex.BodyBuffered ? new byte[0] : (req.BodyValue == null ? null : req.BodyValue.Bytes);
            ex.BodySent = true;
            ex.BodyBuffered |= bufferBody;
            string name = ex.BackendName ?? "service URL";
            ResponseImpl response;
            try { response = ex.LocalBackend != null ? ex.LocalBackend(ex) : Http.Send(outgoing, waitMs, bufferResponse); }
            catch (TransportException t)
            {
                lock (ex.Tries) { ex.Tries.Add(name + " " + (t.Reason == "Timeout" ? "timeout" : "connection failure")); }
                throw new PolicyError("forward-request", t.Reason, t.Reason == "Timeout"
                    ? "Request to the backend service timed out" : "The backend service could not be reached");
            }
            lock (ex.Tries) { ex.Tries.Add(name + " " + response.StatusCode); }
            Dispose(ex.Ctx.ResponseValue, response);
            ex.Ctx.ResponseValue = response;
            ex.BackendResponse = response;
            if (failOnError && response.StatusCode >= 400)
            {
                throw new PolicyError("forward-request", "BackendError", "The backend answered " + response.StatusCode);
            }
        }

        void SendRequest(Node n, Exchange ex)
        {
            string mode = AttrString(n, "mode", ex, "new");
            string variable = n.Has("response-variable-name") ? AttrString(n, "response-variable-name", ex) : null;
            long timeout = AttrLong(n, "timeout", ex) ?? 60;
            bool ignoreError = AttrBool(n, "ignore-error", ex, false);
            var outgoing = new OutgoingRequest();
            if (mode == "copy")
            {
                RequestImpl req = ex.Ctx.RequestValue;
                outgoing.Method = req.Method;
                outgoing.Url = req.UrlValue.ToUriString();
                outgoing.Headers = req.HeaderValues.Copy();
                outgoing.Body = ex.Section == "outbound" || req.BodyValue == null ? null : req.BodyValue.Bytes;
            }
            foreach (Node child in n.Children)
            {
                switch (child.Name)
                {
                    case "set-url": outgoing.Url = Text(child, ex).Trim(); break;
                    default: Run(child, ex, outgoing); break;
                }
            }
            ResponseImpl response = null;
            string name = model.Backends.Where(b => outgoing.Url != null && outgoing.Url.StartsWith(b.Value, StringComparison.OrdinalIgnoreCase))
                .Select(b => b.Key).FirstOrDefault() ?? Origin(outgoing.Url);
            try
            {
                response = Http.Send(outgoing, (int)Math.Min(int.MaxValue, timeout * 1000), true);
                lock (ex.Tries) { ex.Tries.Add(name + " " + response.StatusCode + " (send-request)"); }
            }
            catch (TransportException t)
            {
                lock (ex.Tries) { ex.Tries.Add(name + " " + (t.Reason == "Timeout" ? "timeout" : "connection failure") + " (send-request)"); }
                if (!ignoreError) { throw new PolicyError("send-request", t.Reason, t.Message); }
            }
            if (variable != null && (response != null || ignoreError)) { ex.Ctx.VariableValues.Set(variable, response); }
        }

        static string Origin(string url)
        {
            Uri u;
            return url != null && Uri.TryCreate(url, UriKind.Absolute, out u) ? u.Scheme + "://" + u.Authority : "send-request";
        }

        /// Attaches the gateway identity's token for the resource as a Bearer Authorization
        /// header, or stores it in output-token-variable-name instead.
        void ManagedIdentity(Node n, Exchange ex, object target)
        {
            string resource = AttrString(n, "resource", ex);
            string clientId = n.Has("client-id") ? n.Attributes["client-id"].Literal : null;
            string token = model.Options.FixedToken ? model.Options.TokenPrefix : model.Options.TokenPrefix + resource + (clientId == null ? "" : "#" + clientId);
            if (n.Has("output-token-variable-name"))
            {
                ex.Ctx.VariableValues.Set(n.Attributes["output-token-variable-name"].Literal, token);
                return;
            }
            HeadersOf(target ?? ex.Ctx.RequestValue).Set("Authorization", "Bearer " + token);
        }

        // ---- limits ----------------------------------------------------------------------

        /// A refusal as the limit policies give it: their status, the retry-after header and a
        /// JSON body in context.Response, then an error (the error-handling page lists limit
        /// refusals as errors), so on-error runs with the refusal already in place.
        PolicyError Refuse(Node n, Exchange ex, int status, long retryAfter, string reason, string message)
        {
            var response = ResponseImpl.Json(status, ReasonPhrase(status), new JObject(new JProperty("statusCode", status),
                new JProperty("message", message + " Try again in " + retryAfter + " seconds.")));
            response.HeaderValues.Set(n.Has("retry-after-header-name") ? n.Attributes["retry-after-header-name"].Literal : "Retry-After",
                retryAfter.ToString(CultureInfo.InvariantCulture));
            if (n.Has("retry-after-variable-name")) { ex.Ctx.VariableValues.Set(n.Attributes["retry-after-variable-name"].Literal, (int)retryAfter); }
            Dispose(ex.Ctx.ResponseValue, response);
            ex.Ctx.ResponseValue = response;
            return new PolicyError(n.Name, reason, message, true);
        }

        static long Ceil(double seconds) { return Math.Max(1, (long)Math.Ceiling(seconds)); }

        /// Calls per key in a sliding window of renewal-period seconds.
        void RateLimit(Node n, Exchange ex)
        {
            long calls = AttrLong(n, "calls", ex).Value;
            long period = AttrLong(n, "renewal-period", ex).Value;
            string key = "rate|" + AttrString(n, "counter-key", ex);
            long increment = AttrLong(n, "increment-count", ex) ?? 1;
            DateTime oldest;
            long used = Counters.InWindow(key, period, out oldest);
            if (used + increment > calls)
            {
                throw Refuse(n, ex, 429, Ceil(Counters.SecondsUntilRoom(key, period, calls, increment)), "RateLimitExceeded", "Rate limit is exceeded.");
            }
            CountWhen(n, ex, () => Counters.AddToWindow(key, increment));
            AddHeader(n, ex, "remaining-calls-header-name", "remaining-calls-variable-name", calls - used - increment);
            if (n.Has("total-calls-header-name")) { ex.AfterPipeline.Add(() => ex.Ctx.ResponseValue.HeaderValues.Set(n.Attributes["total-calls-header-name"].Literal, calls.ToString())); }
        }

        /// Calls (or kilobytes) per key in a fixed window of renewal-period seconds from first-period-start.
        void Quota(Node n, Exchange ex)
        {
            long? calls = AttrLong(n, "calls", ex);
            long? kilobytes = AttrLong(n, "bandwidth", ex);
            long period = AttrLong(n, "renewal-period", ex).Value;
            string key = "quota|" + AttrString(n, "counter-key", ex);
            DateTime first = n.Has("first-period-start") ? DateTime.Parse(n.Attributes["first-period-start"].Literal, null, DateTimeStyles.AdjustToUniversal) : DateTime.MinValue;
            DateTime now = Emu.UtcNow;
            DateTime start = period == 0 ? first : first.AddSeconds(Math.Floor((now - first).TotalSeconds / period) * period);
            long retryAfter = period == 0 ? long.MaxValue / 2 : Ceil((start.AddSeconds(period) - now).TotalSeconds);
            if (calls.HasValue && Counters.InPeriod(key + "|calls", start) >= calls.Value)
            {
                throw Refuse(n, ex, 403, retryAfter, "QuotaExceeded", "Out of call volume quota.");
            }
            if (kilobytes.HasValue && Counters.InPeriod(key + "|kb", start) >= kilobytes.Value * 1024)
            {
                throw Refuse(n, ex, 403, retryAfter, "QuotaExceeded", "Out of bandwidth quota.");
            }
            CountWhen(n, ex, () =>
            {
                Counters.AddToPeriod(key + "|calls", start, 1);
                var body = ex.Ctx.ResponseValue.BodyValue;
                Counters.AddToPeriod(key + "|kb", start, (ex.Ctx.RequestValue.BodyValue == null ? 0 : ex.Ctx.RequestValue.BodyValue.Bytes.Length)
                    + (body.IsStream ? 0 : body.Bytes.Length));
            });
        }

        /// Count now, or, with increment-condition, once the request's policies have run (the
        /// reference's example conditions read context.Response).
        void CountWhen(Node n, Exchange ex, Action count)
        {
            if (!n.Has("increment-condition")) { count(); return; }
            ex.AfterPipeline.Add(() => { if (AttrBool(n, "increment-condition", ex, true)) { count(); } });
        }

        void AddHeader(Node n, Exchange ex, string headerAttribute, string variableAttribute, long value)
        {
            if (n.Has(variableAttribute)) { ex.Ctx.VariableValues.Set(n.Attributes[variableAttribute].Literal, (int)Math.Max(0, value)); }
            if (n.Has(headerAttribute))
            {
                string name = n.Attributes[headerAttribute].Literal;
                ex.AfterPipeline.Add(() => ex.Ctx.ResponseValue.HeaderValues.Set(name, Math.Max(0, value).ToString(CultureInfo.InvariantCulture)));
            }
        }

        /// Tokens per minute (a sliding window of 60 s) and tokens per quota period (a fixed window
        /// from the UTC start of the hour, day, week, month or year), counted per counter-key from
        /// the response's usage; streamed requests and estimate-prompt-tokens estimate the prompt.
        void TokenLimit(Node n, Exchange ex)
        {
            string key = AttrString(n, "counter-key", ex);
            long? tpm = AttrLong(n, "tokens-per-minute", ex);
            long? quota = AttrLong(n, "token-quota", ex);
            string periodName = n.Has("token-quota-period") ? n.Attributes["token-quota-period"].Literal : null;
            bool estimate = AttrBool(n, "estimate-prompt-tokens", ex, false) || Tokens.IsStreamRequest(ex);
            long prompt = estimate ? Tokens.EstimatePrompt(ex) : 0;
            string minuteKey = "tpm|" + key;
            DateTime periodStart = Tokens.PeriodStart(periodName, Emu.UtcNow);
            string quotaKey = "tq|" + key + "|" + periodName;
            DateTime oldest;
            long usedMinute = tpm.HasValue ? Counters.InWindow(minuteKey, 60, out oldest) : 0;
            long usedQuota = quota.HasValue ? Counters.InPeriod(quotaKey, periodStart) : 0;
            PolicyError refusal = null;
            if (tpm.HasValue && (usedMinute >= tpm.Value || usedMinute + prompt > tpm.Value))
            {
                refusal = Refuse(n, ex, 429, Ceil(Counters.SecondsUntilRoom(minuteKey, 60, tpm.Value, Math.Max(1, prompt))), "RateLimitExceeded",
                    "Token limit is exceeded.");
            }
            else if (quota.HasValue && (usedQuota >= quota.Value || usedQuota + prompt > quota.Value))
            {
                refusal = Refuse(n, ex, 403, Ceil((Tokens.PeriodEnd(periodName, periodStart) - Emu.UtcNow).TotalSeconds), "QuotaExceeded",
                    "Token quota is exceeded.");
            }
            if (refusal != null)
            {
                // The remaining-count headers tell the refused caller where it stands too.
                HeaderMap h = ex.Ctx.ResponseValue.HeaderValues;
                if (tpm.HasValue && n.Has("remaining-tokens-header-name")) { h.Set(n.Attributes["remaining-tokens-header-name"].Literal, Math.Max(0, tpm.Value - usedMinute).ToString(CultureInfo.InvariantCulture)); }
                if (quota.HasValue && n.Has("remaining-quota-tokens-header-name")) { h.Set(n.Attributes["remaining-quota-tokens-header-name"].Literal, Math.Max(0, quota.Value - usedQuota).ToString(CultureInfo.InvariantCulture)); }
                throw refusal;
            }
            if (prompt > 0)
            {
                if (tpm.HasValue) { Counters.AddToWindow(minuteKey, prompt); }
                if (quota.HasValue) { Counters.AddToPeriod(quotaKey, periodStart, prompt); }
            }
            if (n.Has("tokens-consumed-variable-name")) { ex.Ctx.VariableValues.Set(n.Attributes["tokens-consumed-variable-name"].Literal, (int)prompt); }
            string remainingHeader = n.Has("remaining-tokens-header-name") ? n.Attributes["remaining-tokens-header-name"].Literal : null;
            string remainingQuotaHeader = n.Has("remaining-quota-tokens-header-name") ? n.Attributes["remaining-quota-tokens-header-name"].Literal : null;
            string consumedHeader = n.Has("tokens-consumed-header-name") ? n.Attributes["tokens-consumed-header-name"].Literal : null;
            long countedMinute = usedMinute + prompt;
            long countedQuota = usedQuota + prompt;
            if (tpm.HasValue && n.Has("remaining-tokens-variable-name")) { ex.Ctx.VariableValues.Set(n.Attributes["remaining-tokens-variable-name"].Literal, (int)Math.Max(0, tpm.Value - countedMinute)); }
            if (quota.HasValue && n.Has("remaining-quota-tokens-variable-name")) { ex.Ctx.VariableValues.Set(n.Attributes["remaining-quota-tokens-variable-name"].Literal, Math.Max(0, quota.Value - countedQuota)); }
            long consumed = prompt;
            ex.UsageObservers.Add(usage =>
            {
                if (usage == null) { return; }
                long extra = usage.Total - prompt;
                if (tpm.HasValue) { Counters.AddToWindow(minuteKey, extra); }
                if (quota.HasValue) { Counters.AddToPeriod(quotaKey, periodStart, extra); }
                countedMinute += extra;
                countedQuota += extra;
                consumed = usage.Total;
                if (n.Has("tokens-consumed-variable-name")) { ex.Ctx.VariableValues.Set(n.Attributes["tokens-consumed-variable-name"].Literal, (int)consumed); }
            });
            ex.AfterPipeline.Add(() =>
            {
                HeaderMap h = ex.Ctx.ResponseValue.HeaderValues;
                if (tpm.HasValue && remainingHeader != null) { h.Set(remainingHeader, Math.Max(0, tpm.Value - countedMinute).ToString(CultureInfo.InvariantCulture)); }
                if (quota.HasValue && remainingQuotaHeader != null) { h.Set(remainingQuotaHeader, Math.Max(0, quota.Value - countedQuota).ToString(CultureInfo.InvariantCulture)); }
                if (consumedHeader != null && ex.BackendResponse != null) { h.Set(consumedHeader, consumed.ToString(CultureInfo.InvariantCulture)); }
            });
        }

        static readonly Dictionary<string, Func<Exchange, string>> DefaultDimensions = new Dictionary<string, Func<Exchange, string>>(StringComparer.OrdinalIgnoreCase)
        {
            { "API ID", ex => ex.Api.Id },
            { "Operation ID", ex => ex.Operation == null ? null : ex.Operation.Id },
            { "Product ID", ex => ex.Ctx.ProductValue == null ? null : ex.Ctx.ProductValue.Id },
            { "User ID", ex => null },
            { "Subscription ID", ex => ex.Ctx.SubscriptionValue == null ? null : ex.Ctx.SubscriptionValue.Id },
            { "Location", ex => ex.Model.Region },
            { "Gateway ID", ex => "managed" },
            { "Backend ID", ex => ex.BackendName }
        };

        Dictionary<string, string> Dimensions(Node n, Exchange ex)
        {
            var dims = new Dictionary<string, string>();
            foreach (Node d in n.ChildrenNamed("dimension"))
            {
                string name = AttrString(d, "name", ex);
                Func<Exchange, string> byDefault;
                dims[name] = d.Has("value") ? AttrString(d, "value", ex) : DefaultDimensions.TryGetValue(name, out byDefault) ? byDefault(ex) : null;
            }
            return dims;
        }

        /// Total, prompt and completion tokens of the response the backend gave, with the
        /// dimensions as they were when the policy ran; recorded once the usage is known.
        void TokenMetric(Node n, Exchange ex)
        {
            string ns = n.Has("namespace") ? n.Attributes["namespace"].Literal : "API Management";
            var dims = Dimensions(n, ex);
            string id = ex.Ctx.RequestId.ToString();
            ex.UsageObservers.Add(usage =>
            {
                if (usage == null) { return; }
                Metrics.Record(ns, "Total Tokens", usage.Total, dims, id, n.Name);
                Metrics.Record(ns, "Prompt Tokens", usage.Prompt, dims, id, n.Name);
                Metrics.Record(ns, "Completion Tokens", usage.Completion, dims, id, n.Name);
            });
        }

        void EmitMetric(Node n, Exchange ex)
        {
            string ns = n.Has("namespace") ? n.Attributes["namespace"].Literal : "API Management";
            Metrics.Record(ns, AttrString(n, "name", ex), AttrDouble(n, "value", ex) ?? 1, Dimensions(n, ex), ex.Ctx.RequestId.ToString(), n.Name);
        }
    }
}
