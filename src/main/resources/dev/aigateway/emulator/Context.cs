// A working implementation of APIM's documented policy-expression context (the interfaces of
// apim-context.cs), as each request of the emulator carries it.
using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml.Linq;
using Newtonsoft.Json.Linq;

namespace AiGatewayEmulator
{
    /// HTTP headers: names case-insensitive, each with its values in order.
    public sealed class HeaderMap : IReadOnlyDictionary<string, string[]>
    {
        readonly List<KeyValuePair<string, List<string>>> entries = new List<KeyValuePair<string, List<string>>>();

        int IndexOf(string name)
        {
            for (int i = 0; i < entries.Count; i++) { if (string.Equals(entries[i].Key, name, StringComparison.OrdinalIgnoreCase)) { return i; } }
            return -1;
        }

        public void Set(string name, IEnumerable<string> values)
        {
            int i = IndexOf(name);
            var list = values.ToList();
            if (i >= 0) { entries[i] = new KeyValuePair<string, List<string>>(entries[i].Key, list); } else { entries.Add(new KeyValuePair<string, List<string>>(name, list)); }
        }

        public void Set(string name, string value) { Set(name, new[] { value }); }

        public void Append(string name, string value)
        {
            int i = IndexOf(name);
            if (i >= 0) { entries[i].Value.Add(value); } else { entries.Add(new KeyValuePair<string, List<string>>(name, new List<string> { value })); }
        }

        public bool Remove(string name)
        {
            int i = IndexOf(name);
            if (i < 0) { return false; }
            entries.RemoveAt(i);
            return true;
        }

        public string First(string name)
        {
            int i = IndexOf(name);
            return i < 0 || entries[i].Value.Count == 0 ? null : entries[i].Value[0];
        }

        public HeaderMap Copy()
        {
            var h = new HeaderMap();
            foreach (var e in entries) { h.entries.Add(new KeyValuePair<string, List<string>>(e.Key, new List<string>(e.Value))); }
            return h;
        }

        public string[] this[string key]
        {
            get { int i = IndexOf(key); if (i < 0) { throw new KeyNotFoundException(key); } return entries[i].Value.ToArray(); }
        }

        public IEnumerable<string> Keys { get { return entries.Select(e => e.Key); } }
        public IEnumerable<string[]> Values { get { return entries.Select(e => e.Value.ToArray()); } }
        public int Count { get { return entries.Count; } }
        public bool ContainsKey(string key) { return IndexOf(key) >= 0; }

        public bool TryGetValue(string key, out string[] value)
        {
            int i = IndexOf(key);
            value = i < 0 ? null : entries[i].Value.ToArray();
            return i >= 0;
        }

        public IEnumerator<KeyValuePair<string, string[]>> GetEnumerator()
        {
            return entries.Select(e => new KeyValuePair<string, string[]>(e.Key, e.Value.ToArray())).GetEnumerator();
        }

        IEnumerator IEnumerable.GetEnumerator() { return GetEnumerator(); }
    }

    public sealed class UrlImpl : IUrl
    {
        public string Scheme { get; set; }
        public string Host { get; set; }
        public int Port { get; set; }
        public string Path { get; set; }
        public Dictionary<string, string[]> QueryValues = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);

        public IReadOnlyDictionary<string, string[]> Query { get { return QueryValues; } }

        public string QueryString
        {
            get
            {
                var parts = new List<string>();
                foreach (var q in QueryValues) { foreach (var v in q.Value) { parts.Add(Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(v)); } }
                return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
            }
        }

        public static UrlImpl Parse(string url)
        {
            var u = new Uri(url);
            var result = new UrlImpl { Scheme = u.Scheme, Host = u.Host, Port = u.Port, Path = Uri.UnescapeDataString(u.AbsolutePath) };
            result.QueryValues = ParseQuery(u.Query);
            return result;
        }

        public static Dictionary<string, string[]> ParseQuery(string query)
        {
            var values = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (string pair in query.TrimStart('?').Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = pair.IndexOf('=');
                string name = Uri.UnescapeDataString((eq < 0 ? pair : pair.Substring(0, eq)).Replace('+', ' '));
                string value = eq < 0 ? "" : Uri.UnescapeDataString(pair.Substring(eq + 1).Replace('+', ' '));
                List<string> list;
                if (!values.TryGetValue(name, out list)) { values[name] = list = new List<string>(); }
                list.Add(value);
            }
            return values.ToDictionary(v => v.Key, v => v.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
        }

        string encodedPath;
        string encodedFor;

        /// Send {@code encoded} as the path, as long as no policy changes Path: a path whose values were
        /// already encoded (an MCP tool's arguments, by their style) must not be decoded and encoded again.
        public void KeepEncodedPath(string encoded)
        {
            encodedPath = encoded;
            encodedFor = Path;
        }

        /// The whole URL, for sending a request.
        public string ToUriString()
        {
            bool defaultPort = (Scheme == "https" && Port == 443) || (Scheme == "http" && Port == 80) || Port <= 0;
            string path = encodedPath != null && Path == encodedFor ? encodedPath
                : string.Join("/", Path.Split('/').Select(Uri.EscapeDataString));
            return Scheme + "://" + Host + (defaultPort ? "" : ":" + Port) + path + QueryString;
        }
    }

    /// A message body: read once unless preserveContent, as the set-body reference describes. A
    /// streamed response holds its stream until someone reads it.
    public sealed class MessageBody : IMessageBody
    {
        byte[] bytes;
        Stream stream;
        public bool Consumed;

        public MessageBody(byte[] bytes) { this.bytes = bytes ?? new byte[0]; }

        public MessageBody(Stream stream) { this.stream = stream; }

        public static MessageBody Text(string text) { return new MessageBody(Encoding.UTF8.GetBytes(text ?? "")); }

        /// Whether the body is still an unread stream (a streamed response passes it to the client as it arrives).
        public bool IsStream { get { return stream != null; } }

        public Stream TakeStream() { var s = stream; stream = null; return s; }

        /// The bytes as they would be sent on: empty once a policy read them without preserving them.
        public byte[] Bytes
        {
            get
            {
                Buffer();
                return Consumed ? new byte[0] : bytes;
            }
        }

        void Buffer()
        {
            if (stream == null) { return; }
            using (var ms = new MemoryStream()) { stream.CopyTo(ms); bytes = ms.ToArray(); }
            stream.Dispose();
            stream = null;
        }

        public T As<T>(bool preserveContent = false)
        {
            if (Consumed)
            {
                throw new InvalidOperationException("the message body was already read without preserveContent, so it is no longer available");
            }
            Buffer();
            if (!preserveContent) { Consumed = true; }
            string text = Encoding.UTF8.GetString(bytes);
            object result;
            Type t = typeof(T);
            if (t == typeof(string)) { result = text; }
            else if (t == typeof(byte[])) { result = bytes.ToArray(); }
            else if (t == typeof(JObject)) { result = JObject.Parse(text); }
            else if (t == typeof(JArray)) { result = JArray.Parse(text); }
            else if (t == typeof(JToken)) { result = JToken.Parse(text); }
            else if (t == typeof(XDocument)) { result = XDocument.Parse(text); }
            else if (t == typeof(XElement)) { result = XElement.Parse(text); }
            else if (t == typeof(XNode)) { result = XDocument.Parse(text); }
            else { throw new InvalidOperationException("a body cannot be read as " + t.Name); }
            return (T)result;
        }

        public IDictionary<string, IList<string>> AsFormUrlEncodedContent(bool preserveContent = false)
        {
            string text = As<string>(preserveContent);
            var form = new Dictionary<string, IList<string>>();
            foreach (var q in UrlImpl.ParseQuery(text)) { form[q.Key] = q.Value.ToList(); }
            return form;
        }
    }

    public sealed class RequestImpl : IRequest
    {
        public string Method { get; set; }
        public UrlImpl UrlValue;
        public UrlImpl OriginalUrlValue;
        public HeaderMap HeaderValues = new HeaderMap();
        public MessageBody BodyValue;
        public Dictionary<string, string> Matched = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        public IMessageBody Body { get { return BodyValue; } }
        public X509Certificate2 Certificate { get { return null; } }
        public IReadOnlyDictionary<string, string[]> Headers { get { return HeaderValues; } }
        public string IpAddress { get; set; }
        public IReadOnlyDictionary<string, string> MatchedParameters { get { return Matched; } }
        public IUrl OriginalUrl { get { return OriginalUrlValue; } }
        public IUrl Url { get { return UrlValue; } }
        public IPrivateEndpointConnection PrivateEndpointConnection { get { return null; } }
    }

    public sealed class ResponseImpl : IResponse
    {
        public MessageBody BodyValue = new MessageBody(new byte[0]);
        public HeaderMap HeaderValues = new HeaderMap();

        public IMessageBody Body { get { return BodyValue; } }
        public IReadOnlyDictionary<string, string[]> Headers { get { return HeaderValues; } }
        public int StatusCode { get; set; }
        public string StatusReason { get; set; }

        public ResponseImpl() { StatusCode = 200; StatusReason = "OK"; }

        /// A JSON response, as the gateway's own answers are written.
        public static ResponseImpl Json(int status, string reason, JObject body)
        {
            var r = new ResponseImpl { StatusCode = status, StatusReason = reason, BodyValue = MessageBody.Text(body.ToString(Newtonsoft.Json.Formatting.None)) };
            r.HeaderValues.Set("Content-Type", "application/json; charset=utf-8");
            return r;
        }
    }

    public sealed class LastErrorImpl : ILastError
    {
        public string Source { get; set; }
        public string Reason { get; set; }
        public string Message { get; set; }
        public string Scope { get; set; }
        public string Section { get; set; }
        public string Path { get; set; }
        public string PolicyId { get; set; }
    }

    public sealed class ApiImpl : IApi
    {
        readonly ApiModel model;
        public ApiImpl(ApiModel model) { this.model = model; }
        public string Id { get { return model.Id; } }
        public bool IsCurrentRevision { get { return true; } }
        public string Name { get { return model.Name; } }
        public string Path { get { return model.Path; } }
        public IEnumerable<string> Protocols { get { return new[] { "https" }; } }
        public string Revision { get { return "1"; } }
        public IUrl ServiceUrl { get { return model.ServiceUrl == null ? null : UrlImpl.Parse(model.ServiceUrl); } }
        public ISubscriptionKeyParameterNames SubscriptionKeyParameterNames { get { return new KeyNames { Header = model.KeyHeader, Query = model.KeyQuery }; } }
        public string Version { get { return null; } }

        sealed class KeyNames : ISubscriptionKeyParameterNames
        {
            public string Header { get; set; }
            public string Query { get; set; }
        }
    }

    public sealed class OperationImpl : IOperation
    {
        readonly OperationModel model;
        public OperationImpl(OperationModel model) { this.model = model; }
        public string Id { get { return model.Id; } }
        public string Method { get { return model.Method; } }
        public string Name { get { return model.Name; } }
        public string UrlTemplate { get { return model.UrlTemplate; } }
    }

    public sealed class ProductImpl : IProduct
    {
        readonly ProductModel model;
        readonly GatewayModel gateway;
        public ProductImpl(ProductModel model, GatewayModel gateway) { this.model = model; this.gateway = gateway; }
        public IEnumerable<IApi> Apis { get { return gateway.Apis.Where(a => model.Apis.Contains(a.Id)).Select(a => (IApi)new ApiImpl(a)); } }
        public bool ApprovalRequired { get { return true; } }
        public IEnumerable<IGroup> Groups { get { return new IGroup[0]; } }
        public string Id { get { return model.Id; } }
        public string Name { get { return model.Name; } }
        public ProductState State { get { return ProductState.Published; } }
        public int? SubscriptionLimit { get { return null; } }
        public bool SubscriptionRequired { get { return model.SubscriptionRequired; } }
    }

    public sealed class SubscriptionImpl : ISubscription
    {
        readonly SubscriptionModel model;
        public SubscriptionImpl(SubscriptionModel model, string key) { this.model = model; Key = key; }
        public DateTime CreatedDate { get { return new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc); } }
        public DateTime? EndDate { get { return null; } }
        public string Id { get { return model.Id; } }
        public string Key { get; private set; }
        public string Name { get { return model.Name; } }
        public string PrimaryKey { get { return model.PrimaryKey; } }
        public string SecondaryKey { get { return model.SecondaryKey; } }
        public DateTime? StartDate { get { return null; } }
    }

    public sealed class DeploymentImpl : IDeployment
    {
        public string GatewayId { get { return "managed"; } }
        public string Region { get; set; }
        public string ServiceName { get; set; }
        public IReadOnlyDictionary<string, X509Certificate2> Certificates { get { return new Dictionary<string, X509Certificate2>(); } }
    }

    /// context.Variables: read-only to expressions; policies write it.
    public sealed class VariableMap : IReadOnlyDictionary<string, object>
    {
        readonly Dictionary<string, object> values = new Dictionary<string, object>(StringComparer.Ordinal);
        readonly bool missingIsNull;

        public VariableMap(bool missingIsNull) { this.missingIsNull = missingIsNull; }

        public void Set(string name, object value) { values[name] = value; }

        public object this[string key]
        {
            get
            {
                object v;
                if (values.TryGetValue(key, out v)) { return v; }
                if (missingIsNull) { return null; }
                throw new KeyNotFoundException("no context variable '" + key + "'");
            }
        }

        public IEnumerable<string> Keys { get { return values.Keys; } }
        public IEnumerable<object> Values { get { return values.Values; } }
        public int Count { get { return values.Count; } }
        public bool ContainsKey(string key) { return values.ContainsKey(key); }
        public bool TryGetValue(string key, out object value) { return values.TryGetValue(key, out value); }
        public IEnumerator<KeyValuePair<string, object>> GetEnumerator() { return values.GetEnumerator(); }
        IEnumerator IEnumerable.GetEnumerator() { return GetEnumerator(); }
    }

    public sealed class ContextImpl : IContext
    {
        public ApiImpl ApiValue;
        public OperationImpl OperationValue;
        public ProductImpl ProductValue;
        public SubscriptionImpl SubscriptionValue;
        public RequestImpl RequestValue = new RequestImpl();
        public ResponseImpl ResponseValue = new ResponseImpl();
        public LastErrorImpl LastErrorValue;
        public VariableMap VariableValues;
        public DeploymentImpl DeploymentValue = new DeploymentImpl();
        public readonly List<string> TraceLines = new List<string>();

        public IApi Api { get { return ApiValue; } }
        public IDeployment Deployment { get { return DeploymentValue; } }
        public TimeSpan Elapsed { get { return Emu.UtcNow - Timestamp; } }
        public ILastError LastError { get { return LastErrorValue; } }
        public IOperation Operation { get { return OperationValue; } }
        public IProduct Product { get { return ProductValue; } }
        public IRequest Request { get { return RequestValue; } }
        public Guid RequestId { get; set; }
        public IResponse Response { get { return ResponseValue; } }
        public ISubscription Subscription { get { return SubscriptionValue; } }
        public DateTime Timestamp { get; set; }
        public bool Tracing { get { return false; } }
        public IUser User { get { return null; } }
        public IReadOnlyDictionary<string, object> Variables { get { return VariableValues; } }
        public void Trace(string message) { lock (TraceLines) { TraceLines.Add(message); } }
    }
}
