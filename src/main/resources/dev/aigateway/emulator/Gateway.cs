// The emulated gateway: an HTTP listener on 127.0.0.1 that matches each request to an API,
// operation and subscription as APIM does, runs the effective policy, and answers. Control
// endpoints under /_emulator/ let tests and users move the clock and read metrics and the cache.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading;
using Newtonsoft.Json.Linq;

namespace AiGatewayEmulator
{
    public static class Program
    {
        public static int Main(string[] args)
        {
            GatewayModel model = GatewayModel.Load(args[0]);
            JObject raw = JObject.Parse(File.ReadAllText(args[0]));
            foreach (JObject r in (JArray)raw["rewrites"])
            {
                Http.Rewrites.Add(new KeyValuePair<string, string>((string)r["from"], (string)r["to"]));
            }
            Http.Rewrites.Sort((a, b) => b.Key.Length.CompareTo(a.Key.Length));
            Emu.Configure(model.Options);
            ThreadPool.SetMinThreads(64, 64);
            ServicePointManager.DefaultConnectionLimit = 1024;
            ServicePointManager.Expect100Continue = false;
            ServicePointManager.UseNagleAlgorithm = false;
            var gateway = new Gateway(model, Expressions.Table);
            var listener = new HttpListener();
            listener.Prefixes.Add("http://127.0.0.1:" + model.Options.Port + "/");
            try { listener.Start(); }
            catch (Exception e)
            {
                Console.Error.WriteLine("error: cannot listen on 127.0.0.1:" + model.Options.Port + ": " + e.Message);
                return 2;
            }
            // The Java side holds our stdin: when it ends (the parent is gone), so does the gateway.
            var watch = new Thread(() => { try { while (Console.In.Read() >= 0) { } } catch (Exception) { } Environment.Exit(0); });
            watch.IsBackground = true;
            watch.Start();
            Console.WriteLine("ready " + model.Options.Port);
            Console.Out.Flush();
            while (true)
            {
                HttpListenerContext hc;
                try { hc = listener.GetContext(); } catch (Exception) { return 0; }
                ThreadPool.QueueUserWorkItem(_ => gateway.Handle(hc));
            }
        }
    }

    public sealed class Gateway
    {
        readonly GatewayModel model;
        readonly Interpreter policies;
        /// The latest requests (status and the backends tried), for /_emulator/requests.
        readonly LinkedList<JObject> recent = new LinkedList<JObject>();
        static readonly PolicyDocument DefaultGlobal = DefaultGlobalPolicy();
        readonly McpServer mcp;

        public Gateway(GatewayModel model, Func<IContext, object>[] expressions)
        {
            this.model = model;
            this.policies = new Interpreter(model, expressions);
            this.mcp = new McpServer(CallTool);
        }

        /// APIM's default global policy forwards the request and does nothing else.
        static PolicyDocument DefaultGlobalPolicy()
        {
            var doc = new PolicyDocument { Scope = "global" };
            foreach (string s in new[] { "inbound", "backend", "outbound", "on-error" })
            {
                var section = new Node { Name = s, Source = "default global policy", Line = 1 };
                if (s == "backend") { section.Children.Add(new Node { Name = "forward-request", Source = "default global policy", Line = 1 }); }
                doc.Sections[s] = section;
            }
            return doc;
        }

        public void Handle(HttpListenerContext hc)
        {
            try
            {
                if (hc.Request.Url.AbsolutePath.StartsWith("/_emulator/")) { Control(hc); return; }
                Process(hc);
            }
            catch (Exception e)
            {
                Console.Error.WriteLine("emulator: " + e);
                try { hc.Response.StatusCode = 500; hc.Response.Close(); } catch (Exception) { }
            }
        }

        void Process(HttpListenerContext hc)
        {
            var watch = Stopwatch.StartNew();
            var ex = new Exchange { Model = model };
            var ctx = new ContextImpl { RequestId = Emu.NewGuid(), Timestamp = Emu.UtcNow, VariableValues = new VariableMap(model.Options.MissingVariable == "null") };
            ctx.DeploymentValue.Region = model.Region;
            ctx.DeploymentValue.ServiceName = model.ServiceName;
            ex.Ctx = ctx;
            HttpListenerRequest hr = hc.Request;
            RequestImpl req = ctx.RequestValue;
            req.Method = hr.HttpMethod.ToUpperInvariant();
            req.IpAddress = hr.RemoteEndPoint == null ? "127.0.0.1" : hr.RemoteEndPoint.Address.ToString();
            foreach (string name in hr.Headers.AllKeys) { req.HeaderValues.Set(name, hr.Headers.GetValues(name) ?? new string[0]); }
            byte[] body = ReadAll(hr);
            req.BodyValue = body.Length > 0 || hr.HasEntityBody ? new MessageBody(body) : null;
            string gatewayBase = model.GatewayUrl.TrimEnd('/');
            req.OriginalUrlValue = UrlImpl.Parse(gatewayBase + hr.Url.PathAndQuery);
            string path = Uri.UnescapeDataString(hr.Url.AbsolutePath);

            ApiModel api = model.Apis.FirstOrDefault(a => path.Equals("/" + a.Path, StringComparison.OrdinalIgnoreCase)
                || path.StartsWith("/" + a.Path + "/", StringComparison.OrdinalIgnoreCase));
            if (api == null)
            {
                Send(hc, ex, ResponseImpl.Json(404, "Not Found", new JObject(new JProperty("statusCode", 404), new JProperty("message", "Resource not found"))), watch);
                return;
            }
            ex.Api = api;
            ctx.ApiValue = new ApiImpl(api);
            ex.PathSuffix = path.Substring(api.Path.Length + 1);
            ex.Scopes.Add(model.Global ?? DefaultGlobal);
            var query = UrlImpl.ParseQuery(hr.Url.Query);
            Dictionary<string, string> matched = null;
            foreach (OperationModel op in api.Operations)
            {
                matched = op.Match(req.Method, ex.PathSuffix);
                if (matched != null) { ex.Operation = op; break; }
            }
            if (api.Policy != null) { ex.Scopes.Add(api.Policy); }
            // An MCP server has no operations: it answers at <path>/mcp, the Streamable HTTP endpoint.
            bool mcpEndpoint = api.IsMcp && ex.PathSuffix.TrimEnd('/') == "/mcp";
            if (ex.Operation == null && !mcpEndpoint)
            {
                BuiltInError(hc, ex, watch, 404, "configuration", "OperationNotFound", "Unable to match incoming request to an operation.", "Resource not found");
                return;
            }
            if (ex.Operation != null)
            {
                ctx.OperationValue = new OperationImpl(ex.Operation);
                req.Matched = matched;
            }

            // Subscription key: the header first, the query parameter only when the header is absent.
            string key = req.HeaderValues.First(api.KeyHeader);
            string[] queryKey;
            if (key == null && query.TryGetValue(api.KeyQuery, out queryKey) && queryKey.Length > 0) { key = queryKey[0]; }
            SubscriptionModel subscription = key == null ? null
                : model.Subscriptions.FirstOrDefault(s => s.PrimaryKey == key || s.SecondaryKey == key);
            bool valid = subscription != null && (subscription.Product == null || subscription.Product.Apis.Contains(api.Id));
            if (api.SubscriptionRequired && key == null)
            {
                BuiltInError(hc, ex, watch, 401, "authorization", "SubscriptionKeyNotFound",
                    "Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.", null);
                return;
            }
            if (api.SubscriptionRequired && !valid)
            {
                BuiltInError(hc, ex, watch, 401, "authorization", "SubscriptionKeyInvalid",
                    "Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.", null);
                return;
            }
            if (valid)
            {
                ctx.SubscriptionValue = new SubscriptionImpl(subscription, key);
                if (subscription.Product != null)
                {
                    ctx.ProductValue = new ProductImpl(subscription.Product, model);
                    if (subscription.Product.Policy != null) { ex.Scopes.Insert(1, subscription.Product.Policy); }
                }
            }
            if (ex.Operation != null && ex.Operation.Policy != null) { ex.Scopes.Add(ex.Operation.Policy); }
            // The gateway does not pass the subscription key on to the backend.
            req.HeaderValues.Remove(api.KeyHeader);
            query.Remove(api.KeyQuery);
            if (api.IsMcp)
            {
                // Streamable HTTP: messages are POSTed. This server opens no SSE stream of its own
                // (GET) and keeps no sessions (DELETE), which the transport lets a server decline with 405.
                if (req.Method != "POST")
                {
                    var refused = ResponseImpl.Json(405, "Method Not Allowed", new JObject(new JProperty("statusCode", 405),
                        new JProperty("message", "The MCP endpoint accepts POSTed JSON-RPC messages")));
                    refused.HeaderValues.Set("Allow", "POST");
                    Send(hc, ex, refused, watch);
                    return;
                }
                req.UrlValue = UrlImpl.Parse(gatewayBase + hr.Url.PathAndQuery);
                req.UrlValue.QueryValues = query;
                ex.BackendName = "mcp server";
                ex.LocalBackend = mcp.Handle;
                Pipeline(ex);
                Send(hc, ex, ctx.ResponseValue, watch);
                return;
            }
            var backendUrl = UrlImpl.Parse((api.ServiceUrl ?? "http://backend.invalid").TrimEnd('/') + ex.PathSuffix);
            backendUrl.QueryValues = query;
            req.UrlValue = backendUrl;
            ex.BackendBase = api.ServiceUrl;
            Pipeline(ex);
            Send(hc, ex, ctx.ResponseValue, watch);
        }

        /// <summary>
        /// A tool call of an MCP server: the backing REST operation's request, built from the
        /// arguments, run through that API's scopes as a request of the same subscription. Which
        /// scopes run is a choice (mcpToolScopes): "all" (global, product, API, operation: the
        /// conservative reading, since an outer policy applied twice shows) or "api" (API and operation).
        /// </summary>
        ResponseImpl CallTool(Exchange parent, ToolModel tool, JObject arguments)
        {
            ApiModel rest = model.Apis.First(a => a.Id == tool.ApiId);
            OperationModel op = rest.Operations.First(o => o.Id == tool.OperationId);
            McpServer.RestCall call = McpServer.Bind(tool, arguments);
            var ex = new Exchange { Model = model, Api = rest, Operation = op };
            var ctx = new ContextImpl { RequestId = Emu.NewGuid(), Timestamp = Emu.UtcNow, VariableValues = new VariableMap(model.Options.MissingVariable == "null") };
            ctx.DeploymentValue.Region = model.Region;
            ctx.DeploymentValue.ServiceName = model.ServiceName;
            ctx.ApiValue = new ApiImpl(rest);
            ctx.OperationValue = new OperationImpl(op);
            ctx.SubscriptionValue = parent.Ctx.SubscriptionValue;
            ctx.ProductValue = parent.Ctx.ProductValue;
            ex.Ctx = ctx;
            RequestImpl req = ctx.RequestValue;
            req.Method = call.Method;
            req.IpAddress = parent.Ctx.RequestValue.IpAddress;
            foreach (var h in call.Headers) { req.HeaderValues.Set(h.Key, h.Value); }
            req.BodyValue = call.Body == null ? null : new MessageBody(call.Body);
            var query = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
            foreach (var group in call.Query.GroupBy(q => q.Key)) { query[group.Key] = group.Select(q => q.Value).ToArray(); }
            string gatewayBase = model.GatewayUrl.TrimEnd('/');
            req.OriginalUrlValue = UrlImpl.Parse(gatewayBase + "/" + rest.Path + call.Path);
            req.OriginalUrlValue.QueryValues = query;
            req.Matched = op.Match(call.Method, call.Path) ?? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            ex.PathSuffix = call.Path;
            if (model.Options.McpToolScopes == "all")
            {
                ex.Scopes.Add(model.Global ?? DefaultGlobal);
                if (parent.Ctx.SubscriptionValue != null && parent.Ctx.ProductValue != null)
                {
                    SubscriptionModel s = model.Subscriptions.First(x => x.Id == parent.Ctx.SubscriptionValue.Id);
                    if (s.Product != null && s.Product.Policy != null) { ex.Scopes.Add(s.Product.Policy); }
                }
            }
            else
            {
                ex.Scopes.Add(DefaultGlobal);
            }
            if (rest.Policy != null) { ex.Scopes.Add(rest.Policy); }
            if (op.Policy != null) { ex.Scopes.Add(op.Policy); }
            string serviceUrl = (rest.ServiceUrl ?? "http://backend.invalid").TrimEnd('/');
            var backendUrl = UrlImpl.Parse(serviceUrl + call.Path);
            backendUrl.KeepEncodedPath(new Uri(serviceUrl).AbsolutePath.TrimEnd('/') + call.Path);
            backendUrl.QueryValues = new Dictionary<string, string[]>(query, StringComparer.OrdinalIgnoreCase);
            req.UrlValue = backendUrl;
            ex.BackendBase = rest.ServiceUrl;
            Pipeline(ex);
            List<string> tried;
            lock (ex.Tries) { tried = ex.Tries.ToList(); }
            lock (parent.Tries) { parent.Tries.Add("tool " + tool.Name + " (" + call.Method + " " + call.Path + ")" + (tried.Count == 0 ? "" : " via " + string.Join(", ", tried))); }
            ResponseImpl answer = ctx.ResponseValue ?? ResponseImpl.Json(500, "Internal Server Error", new JObject());
            if (answer.BodyValue.IsStream) { answer.BodyValue = new MessageBody(answer.BodyValue.Bytes); }
            return answer;
        }

        /// inbound, backend, outbound; on an error, on-error with context.LastError.
        void Pipeline(Exchange ex)
        {
            ContextImpl ctx = ex.Ctx;
            try
            {
                policies.RunSection(ex, "inbound");
                policies.RunSection(ex, "backend");
                if (ex.BackendResponse != null && ctx.ResponseValue == ex.BackendResponse && !ctx.ResponseValue.BodyValue.IsStream)
                {
                    Usage usage = Tokens.FromResponse(ctx.ResponseValue.BodyValue.Bytes);
                    if (usage == null && Tokens.IsStreamRequest(ex)) { usage = Tokens.FromStream(ex, Encoding.UTF8.GetString(ctx.ResponseValue.BodyValue.Bytes)); }
                    foreach (var observe in ex.UsageObservers) { observe(usage); }
                }
                else if (ex.BackendResponse != null && ctx.ResponseValue == ex.BackendResponse)
                {
                    ex.Streamed = true;
                }
                policies.RunSection(ex, "outbound");
            }
            catch (ReturnSignal) { }
            catch (PolicyError e) { OnError(ex, e); }
            foreach (Action after in ex.AfterPipeline.ToList())
            {
                try { after(); } catch (Exception) { } // a failing deferred count never fails the answer
            }
        }

        void OnError(Exchange ex, PolicyError e)
        {
            ContextImpl ctx = ex.Ctx;
            ctx.LastErrorValue = new LastErrorImpl
            {
                Source = e.Source, Reason = e.Reason, Message = e.Message, Section = ex.Section,
                Scope = ex.Scopes.Count == 0 ? "global" : ex.Scopes[Math.Min(ex.ScopeIndex, ex.Scopes.Count - 1)].Scope,
                Path = e.At == null ? null : e.At.Where, PolicyId = e.At != null && e.At.Has("id") ? e.At.Attributes["id"].Literal : null
            };
            if (!e.ResponseSet)
            {
                // No backend data survives an error; what the caller gets unless on-error answers.
                var old = ctx.ResponseValue;
                ctx.ResponseValue = ResponseImpl.Json(500, "Internal Server Error", new JObject(new JProperty("statusCode", 500),
                    new JProperty("message", "Internal server error"), new JProperty("activityId", ctx.RequestId.ToString())));
                if (old != null && old.BodyValue.IsStream) { var s = old.BodyValue.TakeStream(); if (s != null) { s.Dispose(); } }
            }
            try { policies.RunSection(ex, "on-error"); }
            catch (ReturnSignal) { }
            catch (PolicyError) { } // an error in on-error ends it; the response stands as it is
        }

        void BuiltInError(HttpListenerContext hc, Exchange ex, Stopwatch watch, int status, string source, string reason, string message, string body)
        {
            var response = ResponseImpl.Json(status, Interpreter.ReasonPhrase(status), new JObject(new JProperty("statusCode", status),
                new JProperty("message", body ?? message)));
            if (status == 401)
            {
                response.HeaderValues.Set("WWW-Authenticate", "AzureApiManagementKey realm=\"" + model.GatewayUrl.TrimEnd('/') + "/" + ex.Api.Path
                    + "\",name=\"" + ex.Api.KeyHeader + "\",type=\"header\"");
            }
            ex.Ctx.ResponseValue = response;
            if (model.Options.BuiltInErrorsRunOnError)
            {
                ex.Section = "inbound";
                OnError(ex, new PolicyError(source, reason, message, true));
            }
            Send(hc, ex, ex.Ctx.ResponseValue, watch);
        }

        static byte[] ReadAll(HttpListenerRequest hr)
        {
            if (!hr.HasEntityBody) { return new byte[0]; }
            using (var ms = new MemoryStream()) { hr.InputStream.CopyTo(ms); return ms.ToArray(); }
        }

        void Send(HttpListenerContext hc, Exchange ex, ResponseImpl r, Stopwatch watch)
        {
            HttpListenerResponse hr = hc.Response;
            hr.StatusCode = r.StatusCode;
            hr.StatusDescription = string.IsNullOrEmpty(r.StatusReason) ? Interpreter.ReasonPhrase(r.StatusCode) : r.StatusReason;
            foreach (var h in r.HeaderValues)
            {
                if (Http.IsHopByHop(h.Key)) { continue; }
                if (h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) { hr.ContentType = string.Join(",", h.Value); continue; }
                foreach (string v in h.Value) { hr.Headers.Add(h.Key, v); }
            }
            string outcome = r.StatusCode.ToString();
            List<string> tried;
            lock (ex.Tries) { tried = ex.Tries.ToList(); }
            var entry = new JObject(new JProperty("requestId", ex.Ctx.RequestId.ToString()), new JProperty("method", hc.Request.HttpMethod),
                new JProperty("path", hc.Request.Url.AbsolutePath), new JProperty("status", r.StatusCode), new JProperty("tries", new JArray(tried.ToArray())));
            lock (recent)
            {
                recent.AddLast(entry);
                if (recent.Count > 20000) { recent.RemoveFirst(); }
            }
            try
            {
                if (r.BodyValue.IsStream)
                {
                    hr.SendChunked = true;
                    var seen = new StringBuilder();
                    Stream from = r.BodyValue.TakeStream();
                    try
                    {
                        var buffer = new byte[8192];
                        int read;
                        while ((read = from.Read(buffer, 0, buffer.Length)) > 0)
                        {
                            hr.OutputStream.Write(buffer, 0, read);
                            hr.OutputStream.Flush();
                            if (seen.Length < 16 * 1024 * 1024) { seen.Append(Encoding.UTF8.GetString(buffer, 0, read)); }
                        }
                    }
                    catch (Exception) { outcome += " (stream broken)"; }
                    finally { from.Dispose(); }
                    if (ex.Streamed)
                    {
                        Usage usage = Tokens.FromStream(ex, seen.ToString());
                        foreach (var observe in ex.UsageObservers) { observe(usage); }
                    }
                }
                else
                {
                    byte[] bytes = r.BodyValue.Bytes;
                    hr.ContentLength64 = bytes.Length;
                    hr.OutputStream.Write(bytes, 0, bytes.Length);
                }
            }
            finally
            {
                try { hr.Close(); } catch (Exception) { }
            }
            if (model.Options.LogRequests)
            {
                string tries = tried.Count == 0 ? "" : " via " + string.Join(", ", tried);
                Console.WriteLine("request " + ex.Ctx.RequestId.ToString().Substring(0, 8) + " " + hc.Request.HttpMethod + " " + hc.Request.Url.PathAndQuery
                    + " -> " + outcome + tries + " (" + watch.ElapsedMilliseconds + " ms)");
            }
        }

        // ---- control ----------------------------------------------------------------------

        void Control(HttpListenerContext hc)
        {
            string path = hc.Request.Url.AbsolutePath.Substring("/_emulator/".Length).TrimEnd('/');
            string method = hc.Request.HttpMethod.ToUpperInvariant();
            JToken input = null;
            byte[] body = ReadAll(hc.Request);
            if (body.Length > 0) { input = JToken.Parse(Encoding.UTF8.GetString(body)); }
            JToken output;
            switch (path)
            {
                case "clock":
                    if (method == "POST" && input != null)
                    {
                        if (input["advanceSeconds"] != null) { Emu.Advance(TimeSpan.FromSeconds((double)input["advanceSeconds"])); }
                        if (input["set"] != null) { Emu.Set(DateTime.Parse((string)input["set"], null, System.Globalization.DateTimeStyles.AdjustToUniversal)); }
                    }
                    output = new JObject(new JProperty("now", Emu.UtcNow.ToString("o")));
                    break;
                case "metrics":
                    if (method == "DELETE") { policies.Metrics.Clear(); }
                    output = policies.Metrics.Dump();
                    break;
                case "cache":
                    if (method == "DELETE") { policies.Cache.Clear(); }
                    if (method == "POST" && input != null && input["failure"] != null) { policies.Cache.Failure = (string)input["failure"]; }
                    output = new JObject(new JProperty("failure", policies.Cache.Failure), new JProperty("entries", policies.Cache.Dump()));
                    break;
                case "requests":
                    lock (recent)
                    {
                        if (method == "DELETE") { recent.Clear(); }
                        output = new JArray(recent.ToArray());
                    }
                    break;
                case "reset":
                    lock (recent) { recent.Clear(); }
                    policies.Cache.Clear();
                    policies.Cache.Failure = "none";
                    policies.Counters.Clear();
                    policies.Metrics.Clear();
                    output = new JObject(new JProperty("reset", true));
                    break;
                default:
                    hc.Response.StatusCode = 404;
                    output = new JObject(new JProperty("error", "no control endpoint /_emulator/" + path));
                    break;
            }
            byte[] bytes = Encoding.UTF8.GetBytes(output.ToString(Newtonsoft.Json.Formatting.None));
            hc.Response.ContentType = "application/json";
            hc.Response.ContentLength64 = bytes.Length;
            hc.Response.OutputStream.Write(bytes, 0, bytes.Length);
            hc.Response.Close();
        }
    }
}
