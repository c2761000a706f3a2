// The gateway as the emulator runs it: the APIs, operations, products, subscriptions, backends
// and policy trees of one stack, read from the model file the Java side writes from the plan.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace AiGatewayEmulator
{
    /// An attribute value or element text: a literal, or the index of a compiled expression.
    public sealed class Value
    {
        public string Literal;
        public int Expression = -1;

        public bool IsExpression { get { return Expression >= 0; } }

        public static Value Read(JToken t)
        {
            if (t == null || t.Type == JTokenType.Null) { return null; }
            var v = new Value();
            if (t["e"] != null) { v.Expression = (int)t["e"]; } else { v.Literal = (string)t["v"]; }
            return v;
        }
    }

    /// One policy element of a document, with where it stands for errors and traces.
    public sealed class Node
    {
        public string Name;
        public string Source;
        public int Line;
        public Dictionary<string, Value> Attributes = new Dictionary<string, Value>();
        public Value Text;
        public List<Node> Children = new List<Node>();

        public static Node Read(JToken t, string source)
        {
            var n = new Node { Name = (string)t["n"], Line = (int)t["line"], Source = (string)t["src"] ?? source };
            var attrs = t["a"] as JObject;
            if (attrs != null) { foreach (var p in attrs.Properties()) { n.Attributes[p.Name] = Value.Read(p.Value); } }
            n.Text = Value.Read(t["t"]);
            var children = t["c"] as JArray;
            if (children != null) { foreach (var c in children) { n.Children.Add(Read(c, n.Source)); } }
            return n;
        }

        public bool Has(string attribute) { return Attributes.ContainsKey(attribute); }

        public Node Child(string name) { return Children.FirstOrDefault(c => c.Name == name); }

        public IEnumerable<Node> ChildrenNamed(string name) { return Children.Where(c => c.Name == name); }

        public string Where { get { return Source + ":" + Line + " <" + Name + ">"; } }
    }

    /// A policy document: its sections by name.
    public sealed class PolicyDocument
    {
        public string Scope;
        public Dictionary<string, Node> Sections = new Dictionary<string, Node>();

        public static PolicyDocument Read(JToken t, string scope, string source)
        {
            if (t == null || t.Type == JTokenType.Null) { return null; }
            var doc = new PolicyDocument { Scope = scope };
            Node root = Node.Read(t, source);
            foreach (Node section in root.Children) { doc.Sections[section.Name] = section; }
            return doc;
        }
    }

    public sealed class OperationModel
    {
        public string Id;
        public string Name;
        public string Method;
        public string UrlTemplate;
        public PolicyDocument Policy;
        Regex pattern;
        List<string> parameters;

        /// The matched path parameters, or null when the path is not this operation's.
        public Dictionary<string, string> Match(string method, string path)
        {
            if (!string.Equals(method, Method, StringComparison.OrdinalIgnoreCase)) { return null; }
            if (pattern == null)
            {
                parameters = new List<string>();
                string template = UrlTemplate.Split('?')[0].TrimEnd('/');
                string regex = "^" + Regex.Replace(Regex.Escape(template), @"\\\{([^}]+)}", m => { parameters.Add(m.Groups[1].Value); return "([^/]+)"; }) + "/?$";
                pattern = new Regex(regex, RegexOptions.IgnoreCase);
            }
            Match found = pattern.Match(path);
            if (!found.Success) { return null; }
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (int i = 0; i < parameters.Count; i++) { values[parameters[i]] = Uri.UnescapeDataString(found.Groups[i + 1].Value); }
            return values;
        }
    }

    public sealed class ApiModel
    {
        public string Id;
        public string Name;
        public string Path;
        public string ServiceUrl;
        public bool SubscriptionRequired;
        public string KeyHeader;
        public string KeyQuery;
        public List<string> Protocols = new List<string>();
        public PolicyDocument Policy;
        public List<OperationModel> Operations = new List<OperationModel>();
        /// "http", or "mcp" for an MCP server made from a REST API's operations.
        public string Type = "http";
        public List<ToolModel> Tools = new List<ToolModel>();
        public bool IsMcp { get { return Type == "mcp"; } }
    }

    /// One tool of an MCP server: the REST operation it calls and how its arguments make the request.
    public sealed class ToolModel
    {
        public string Name;
        public string Description;
        public string ApiId;
        public string OperationId;
        public JObject InputSchema;
        /// method, urlTemplate, contentType, and arguments: name to {in, style, explode}.
        public JObject Http;
    }

    public sealed class ProductModel
    {
        public string Id;
        public string Name;
        public bool SubscriptionRequired;
        public HashSet<string> Apis = new HashSet<string>();
        public PolicyDocument Policy;
    }

    public sealed class SubscriptionModel
    {
        public string Id;
        public string Name;
        public string PrimaryKey;
        public string SecondaryKey;
        /// The product this subscription is scoped to, or null for the all-access subscription.
        public ProductModel Product;
    }

    public sealed class GatewayModel
    {
        public string ServiceName;
        public string Region;
        public string GatewayUrl;
        public PolicyDocument Global;
        public Dictionary<string, Node> Fragments = new Dictionary<string, Node>();
        public List<ApiModel> Apis = new List<ApiModel>();
        public Dictionary<string, ProductModel> Products = new Dictionary<string, ProductModel>();
        public List<SubscriptionModel> Subscriptions = new List<SubscriptionModel>();
        public Dictionary<string, string> Backends = new Dictionary<string, string>();
        public Options Options;

        public static GatewayModel Load(string file)
        {
            JObject j = JObject.Parse(File.ReadAllText(file));
            var m = new GatewayModel
            {
                ServiceName = (string)j["serviceName"],
                Region = (string)j["region"],
                GatewayUrl = (string)j["gatewayUrl"],
                Options = Options.Read((JObject)j["options"])
            };
            m.Global = PolicyDocument.Read(j["global"], "global", "global policy");
            foreach (var f in ((JObject)j["fragments"]).Properties())
            {
                m.Fragments[f.Name] = Node.Read(f.Value, "fragment " + f.Name);
            }
            foreach (var b in ((JObject)j["backends"]).Properties()) { m.Backends[b.Name] = (string)b.Value; }
            foreach (JObject a in (JArray)j["apis"])
            {
                var api = new ApiModel
                {
                    Id = (string)a["id"], Name = (string)a["name"], Path = ((string)a["path"]).Trim('/'), ServiceUrl = (string)a["serviceUrl"],
                    SubscriptionRequired = (bool)a["subscriptionRequired"], KeyHeader = (string)a["keyHeader"], KeyQuery = (string)a["keyQuery"]
                };
                api.Policy = PolicyDocument.Read(a["policy"], "api", "API " + api.Id + " policy");
                if (a["type"] != null) { api.Type = (string)a["type"]; }
                if (a["tools"] != null)
                {
                    foreach (JObject t in (JArray)a["tools"])
                    {
                        api.Tools.Add(new ToolModel
                        {
                            Name = (string)t["name"], Description = (string)t["description"], ApiId = (string)t["api"], OperationId = (string)t["operation"],
                            InputSchema = (JObject)t["inputSchema"], Http = (JObject)t["http"]
                        });
                    }
                }
                foreach (JObject o in (JArray)a["operations"])
                {
                    var op = new OperationModel { Id = (string)o["id"], Name = (string)o["name"], Method = (string)o["method"], UrlTemplate = (string)o["urlTemplate"] };
                    op.Policy = PolicyDocument.Read(o["policy"], "operation", "operation " + op.Id + " policy");
                    api.Operations.Add(op);
                }
                m.Apis.Add(api);
            }
            foreach (JObject p in (JArray)j["products"])
            {
                var product = new ProductModel { Id = (string)p["id"], Name = (string)p["name"], SubscriptionRequired = (bool)p["subscriptionRequired"] };
                foreach (var a in (JArray)p["apis"]) { product.Apis.Add((string)a); }
                product.Policy = PolicyDocument.Read(p["policy"], "product", "product " + product.Id + " policy");
                m.Products[product.Id] = product;
            }
            foreach (JObject s in (JArray)j["subscriptions"])
            {
                string product = (string)s["product"];
                m.Subscriptions.Add(new SubscriptionModel
                {
                    Id = (string)s["id"], Name = (string)s["name"], PrimaryKey = (string)s["primaryKey"], SecondaryKey = (string)s["secondaryKey"],
                    Product = product == null ? null : m.Products[product]
                });
            }
            // Longest path first, so /tools/a/b is matched before /tools/a.
            m.Apis.Sort((x, y) => y.Path.Length.CompareTo(x.Path.Length));
            return m;
        }
    }

    /// The choices where APIM's reference pages leave room; each is named in the README.
    public sealed class Options
    {
        /// Whether a retry catches errors its children raise (forward-request timeouts, say). The
        /// retry page does not say it does; the conservative reading is false.
        public bool RetryCatchesErrors;
        /// When a cache-store-value becomes visible: "after-request" (conservative: the store is
        /// asynchronous, so nothing a request stores is visible to its own later reads) or "immediate".
        public string CacheStoreVisibility = "after-request";
        /// Missing keys of context.Variables["name"]: "throw" (the dictionary contract) or "null".
        public string MissingVariable = "throw";
        /// new Random() without a seed: "tick" (seeded from the tick count, as .NET Framework does:
        /// requests in the same millisecond pick alike) or "unique".
        public string RandomSeeding = "tick";
        /// Do built-in errors before any policy (no or invalid subscription key, no operation) run on-error.
        public bool BuiltInErrorsRunOnError = true;
        /// The clock: "manual" (advanced only through the control endpoint) or "real".
        public string Clock = "real";
        public DateTime ClockStart = new DateTime(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc);
        public int Seed = 1;
        public int Port = 8080;
        /// The token every emulated managed identity hands out, before the resource: "Bearer <prefix><resource>".
        public string TokenPrefix = "emulated-managed-identity-token:";
        /// The token prefix is a whole token, given for a real backend: hand it out as it is.
        public bool FixedToken;
        public bool LogRequests = true;
        /// The scopes a tool call of an MCP server runs for its REST operation: "all" or "api".
        public string McpToolScopes = "all";

        public static Options Read(JObject o)
        {
            var x = new Options();
            if (o == null) { return x; }
            JToken t;
            if ((t = o["retryCatchesErrors"]) != null) { x.RetryCatchesErrors = (bool)t; }
            if ((t = o["cacheStoreVisibility"]) != null) { x.CacheStoreVisibility = (string)t; }
            if ((t = o["missingVariable"]) != null) { x.MissingVariable = (string)t; }
            if ((t = o["randomSeeding"]) != null) { x.RandomSeeding = (string)t; }
            if ((t = o["builtInErrorsRunOnError"]) != null) { x.BuiltInErrorsRunOnError = (bool)t; }
            if ((t = o["clock"]) != null) { x.Clock = (string)t; }
            if ((t = o["mcpToolScopes"]) != null) { x.McpToolScopes = (string)t; }
            if ((t = o["clockStart"]) != null) { x.ClockStart = DateTime.Parse((string)t, null, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal); }
            if ((t = o["seed"]) != null) { x.Seed = (int)t; }
            if ((t = o["port"]) != null) { x.Port = (int)t; }
            if ((t = o["tokenPrefix"]) != null) { x.TokenPrefix = (string)t; }
            if ((t = o["fixedToken"]) != null) { x.FixedToken = (bool)t; }
            if ((t = o["logRequests"]) != null) { x.LogRequests = (bool)t; }
            return x;
        }
    }
}
