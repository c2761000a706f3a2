// An MCP server made from a REST API's operations (API type mcp), as APIM serves it at
// <gateway>/<path>/mcp over Streamable HTTP: tools only, no resources or prompts (Learn: "Expose
// REST API in API Management as an MCP server", Limitations). The server's own policies have run
// by the time forward-request reaches here; a tools/call then runs the backing REST operation's
// pipeline. What APIM does not document (the exact input schema, the result of a non-2xx answer)
// follows the tool generator and the MCP specification, and the README lists it.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace AiGatewayEmulator
{
    public sealed class McpServer
    {
        /// The Streamable HTTP revisions without JSON-RPC batches, oldest first; the newest is offered to
        /// clients that ask for another (2024-11-05 is the older HTTP+SSE transport, 2025-03-26 requires batches).
        static readonly string[] Versions = { "2025-06-18", "2025-11-25" };

        readonly Func<Exchange, ToolModel, JObject, ResponseImpl> callTool;

        public McpServer(Func<Exchange, ToolModel, JObject, ResponseImpl> callTool) { this.callTool = callTool; }

        /// The answer to one POSTed JSON-RPC message.
        public ResponseImpl Handle(Exchange ex)
        {
            MessageBody body = ex.Ctx.RequestValue.BodyValue;
            string text = body == null ? "" : Encoding.UTF8.GetString(body.Bytes);
            JToken message;
            try { message = JToken.Parse(text); }
            catch (JsonException) { return Error(400, null, -32700, "Parse error: the body is not JSON"); }
            if (message.Type == JTokenType.Array)
            {
                return Error(400, null, -32600, "Invalid Request: JSON-RPC batches are not supported (MCP 2025-06-18 removed them)");
            }
            var m = message as JObject;
            if (m == null || (string)m["jsonrpc"] != "2.0") { return Error(400, null, -32600, "Invalid Request: not a JSON-RPC 2.0 message"); }
            JToken id = m["id"];
            string method = m["method"] != null && m["method"].Type == JTokenType.String ? (string)m["method"] : null;
            if (method == null || id == null || id.Type == JTokenType.Null)
            {
                // A notification, or the client's answer to a server request: accepted, nothing to say.
                return new ResponseImpl { StatusCode = 202, StatusReason = "Accepted" };
            }
            JObject parameters = m["params"] as JObject ?? new JObject();
            switch (method)
            {
                case "initialize": return Result(id, Initialize(ex, parameters));
                case "ping": return Result(id, new JObject());
                case "tools/list": return Result(id, new JObject(new JProperty("tools", new JArray(ex.Api.Tools.Select(Describe)))));
                case "tools/call": return Call(ex, id, parameters);
                default: return Error(200, id, -32601, "Method not found: " + method + " (this server offers tools only)");
            }
        }

        JObject Initialize(Exchange ex, JObject parameters)
        {
            string asked = (string)parameters["protocolVersion"];
            string version = Versions.Contains(asked) ? asked : Versions[Versions.Length - 1];
            return new JObject(
                new JProperty("protocolVersion", version),
                new JProperty("capabilities", new JObject(new JProperty("tools", new JObject(new JProperty("listChanged", false))))),
                new JProperty("serverInfo", new JObject(new JProperty("name", ex.Api.Id), new JProperty("title", ex.Api.Name),
                    new JProperty("version", "emulated"))));
        }

        static JObject Describe(ToolModel t)
        {
            return new JObject(new JProperty("name", t.Name), new JProperty("description", t.Description), new JProperty("inputSchema", t.InputSchema));
        }

        ResponseImpl Call(Exchange ex, JToken id, JObject parameters)
        {
            string name = (string)parameters["name"];
            ToolModel tool = ex.Api.Tools.FirstOrDefault(t => t.Name == name);
            if (tool == null) { return Error(200, id, -32602, "Unknown tool: " + name); }
            JToken args = parameters["arguments"];
            if (args != null && args.Type != JTokenType.Object && args.Type != JTokenType.Null)
            {
                return Error(200, id, -32602, "Invalid arguments for tool " + name + ": arguments must be an object");
            }
            var arguments = args as JObject ?? new JObject();
            foreach (var required in ((JArray)tool.InputSchema["required"] ?? new JArray()).Select(r => (string)r))
            {
                if (arguments[required] == null || arguments[required].Type == JTokenType.Null)
                {
                    return Error(200, id, -32602, "Invalid arguments for tool " + name + ": " + required + " is required");
                }
            }
            ResponseImpl answer;
            try { answer = callTool(ex, tool, arguments); }
            catch (ArgumentException e) { return Error(200, id, -32602, "Invalid arguments for tool " + name + ": " + e.Message); }
            string text = Encoding.UTF8.GetString(answer.BodyValue.Bytes);
            if (text.Length == 0) { text = answer.StatusCode + " " + answer.StatusReason; }
            var result = new JObject(
                new JProperty("content", new JArray(new JObject(new JProperty("type", "text"), new JProperty("text", text)))),
                new JProperty("isError", answer.StatusCode >= 400));
            return Result(id, result);
        }

        static ResponseImpl Result(JToken id, JObject result)
        {
            return ResponseImpl.Json(200, "OK", new JObject(new JProperty("jsonrpc", "2.0"), new JProperty("id", id), new JProperty("result", result)));
        }

        static ResponseImpl Error(int status, JToken id, int code, string message)
        {
            return ResponseImpl.Json(status, status == 200 ? "OK" : "Bad Request", new JObject(new JProperty("jsonrpc", "2.0"), new JProperty("id", id),
                new JProperty("error", new JObject(new JProperty("code", code), new JProperty("message", message)))));
        }

        // ---- arguments to an HTTP request ------------------------------------------------------

        /// A tool call as the REST request the backing operation expects, following each
        /// parameter's OpenAPI style and explode.
        public sealed class RestCall
        {
            public string Method;
            public string Path;
            public List<KeyValuePair<string, string>> Query = new List<KeyValuePair<string, string>>();
            public HeaderMap Headers = new HeaderMap();
            public byte[] Body;
        }

        public static RestCall Bind(ToolModel tool, JObject arguments)
        {
            JObject http = tool.Http;
            var call = new RestCall { Method = (string)http["method"] };
            string path = (string)http["urlTemplate"];
            JObject binding = (JObject)http["arguments"] ?? new JObject();
            foreach (var p in binding.Properties())
            {
                JToken value = arguments[p.Name];
                if (value == null || value.Type == JTokenType.Null) { continue; }
                var a = (JObject)p.Value;
                string where = (string)a["in"];
                string name = (string)a["name"] ?? p.Name;
                string style = (string)a["style"];
                bool explode = a["explode"] != null && (bool)a["explode"];
                switch (where)
                {
                    case "path":
                        if (value.Type == JTokenType.String && ((string)value == "." || (string)value == ".."))
                        {
                            throw new ArgumentException("path argument " + p.Name + " cannot be '" + (string)value + "'");
                        }
                        path = path.Replace("{" + name + "}", PathValue(name, value, style, explode));
                        break;
                    case "query": call.Query.AddRange(QueryValues(name, value, style, explode)); break;
                    case "header": call.Headers.Set(name, Simple(value, explode, false)); break;
                    case "body":
                        string type = (string)http["contentType"] ?? "application/json";
                        call.Headers.Set("Content-Type", type);
                        call.Body = Encoding.UTF8.GetBytes(BodyText(value, type));
                        break;
                }
            }
            call.Path = path;
            return call;
        }

        static string BodyText(JToken value, string contentType)
        {
            if (contentType.Contains("json")) { return value.ToString(Formatting.None); }
            var o = value as JObject;
            if (contentType.Contains("x-www-form-urlencoded") && o != null)
            {
                return string.Join("&", o.Properties().Select(p => Uri.EscapeDataString(p.Name) + "=" + Uri.EscapeDataString(Scalar(p.Value))));
            }
            return value.Type == JTokenType.String ? (string)value : value.ToString(Formatting.None);
        }

        static string Scalar(JToken v)
        {
            switch (v.Type)
            {
                case JTokenType.String: return (string)v;
                case JTokenType.Boolean: return (bool)v ? "true" : "false";
                case JTokenType.Integer: return ((long)v).ToString(CultureInfo.InvariantCulture);
                case JTokenType.Float: return ((double)v).ToString("R", CultureInfo.InvariantCulture);
                default: return v.ToString(Formatting.None);
            }
        }

        /// simple style: a,b,c for arrays; k,v,k2,v2 (or k=v,k2=v2 exploded) for objects.
        static string Simple(JToken v, bool explode, bool escape)
        {
            Func<string, string> e = s => escape ? Uri.EscapeDataString(s) : s;
            var arr = v as JArray;
            var obj = v as JObject;
            if (arr != null) { return string.Join(",", arr.Select(x => e(Scalar(x)))); }
            if (obj != null)
            {
                return string.Join(",", obj.Properties().Select(p => explode ? e(p.Name) + "=" + e(Scalar(p.Value)) : e(p.Name) + "," + e(Scalar(p.Value))));
            }
            return e(Scalar(v));
        }

        static string PathValue(string name, JToken v, string style, bool explode)
        {
            var arr = v as JArray;
            var obj = v as JObject;
            switch (style)
            {
                case "label":
                    if (explode && arr != null) { return "." + string.Join(".", arr.Select(x => Uri.EscapeDataString(Scalar(x)))); }
                    if (explode && obj != null) { return "." + string.Join(".", obj.Properties().Select(p => Uri.EscapeDataString(p.Name) + "=" + Uri.EscapeDataString(Scalar(p.Value)))); }
                    return "." + Simple(v, explode, true);
                case "matrix":
                    if (arr != null && explode) { return string.Concat(arr.Select(x => ";" + name + "=" + Uri.EscapeDataString(Scalar(x)))); }
                    if (obj != null && explode) { return string.Concat(obj.Properties().Select(p => ";" + p.Name + "=" + Uri.EscapeDataString(Scalar(p.Value)))); }
                    return ";" + name + "=" + Simple(v, false, true);
                default: return Simple(v, explode, true);
            }
        }

        static IEnumerable<KeyValuePair<string, string>> QueryValues(string name, JToken v, string style, bool explode)
        {
            var arr = v as JArray;
            var obj = v as JObject;
            if (style == "deepObject" && obj != null)
            {
                return obj.Properties().Select(p => new KeyValuePair<string, string>(name + "[" + p.Name + "]", Scalar(p.Value)));
            }
            if (arr != null)
            {
                if (explode) { return arr.Select(x => new KeyValuePair<string, string>(name, Scalar(x))); }
                string separator = style == "spaceDelimited" ? " " : style == "pipeDelimited" ? "|" : ",";
                return new[] { new KeyValuePair<string, string>(name, string.Join(separator, arr.Select(Scalar))) };
            }
            if (obj != null)
            {
                if (explode) { return obj.Properties().Select(p => new KeyValuePair<string, string>(p.Name, Scalar(p.Value))); }
                string between = style == "spaceDelimited" ? " " : style == "pipeDelimited" ? "|" : ",";
                return new[] { new KeyValuePair<string, string>(name, string.Join(between, obj.Properties().Select(p => p.Name + between + Scalar(p.Value)))) };
            }
            return new[] { new KeyValuePair<string, string>(name, Scalar(v)) };
        }
    }
}
