// The policy-expression context of Azure API Management, to compile expressions against (and, in
// the emulator, to run them against: the emulator implements these interfaces). It follows
// "Policy expressions" in the APIM documentation (MicrosoftDocs/azure-docs,
// articles/api-management/api-management-policy-expressions.md, section "Context variable"),
// member by member: every type and member here is one the documentation lists, with the types it
// gives. Differences from the documentation:
//  - GetValueOrDefault's default value is optional: the one-argument form is used by public
//    policies (and accepted by the service); it returns null / default(T) when missing.
//  - IMessageBody.AsFormUrlEncodedContent and ToFormUrlEncodedContent follow the set-body policy page.

using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

public interface IContext
{
    IApi Api { get; }
    IDeployment Deployment { get; }
    TimeSpan Elapsed { get; }
    ILastError LastError { get; }
    IOperation Operation { get; }
    IProduct Product { get; }
    IRequest Request { get; }
    Guid RequestId { get; }
    IResponse Response { get; }
    ISubscription Subscription { get; }
    DateTime Timestamp { get; }
    bool Tracing { get; }
    IUser User { get; }
    IReadOnlyDictionary<string, object> Variables { get; }
    void Trace(string message);
}

public interface IApi
{
    string Id { get; }
    bool IsCurrentRevision { get; }
    string Name { get; }
    string Path { get; }
    IEnumerable<string> Protocols { get; }
    string Revision { get; }
    IUrl ServiceUrl { get; }
    ISubscriptionKeyParameterNames SubscriptionKeyParameterNames { get; }
    string Version { get; }
}

public interface IDeployment
{
    string GatewayId { get; }
    string Region { get; }
    string ServiceName { get; }
    IReadOnlyDictionary<string, X509Certificate2> Certificates { get; }
}

public interface ILastError
{
    string Source { get; }
    string Reason { get; }
    string Message { get; }
    string Scope { get; }
    string Section { get; }
    string Path { get; }
    string PolicyId { get; }
}

public interface IOperation
{
    string Id { get; }
    string Method { get; }
    string Name { get; }
    string UrlTemplate { get; }
}

public enum ProductState { NotPublished, Published }

public interface IProduct
{
    IEnumerable<IApi> Apis { get; }
    bool ApprovalRequired { get; }
    IEnumerable<IGroup> Groups { get; }
    string Id { get; }
    string Name { get; }
    ProductState State { get; }
    int? SubscriptionLimit { get; }
    bool SubscriptionRequired { get; }
}

public interface IRequest
{
    IMessageBody Body { get; }
    X509Certificate2 Certificate { get; }
    IReadOnlyDictionary<string, string[]> Headers { get; }
    string IpAddress { get; }
    IReadOnlyDictionary<string, string> MatchedParameters { get; }
    string Method { get; }
    IUrl OriginalUrl { get; }
    IUrl Url { get; }
    IPrivateEndpointConnection PrivateEndpointConnection { get; }
}

public interface IResponse
{
    IMessageBody Body { get; }
    IReadOnlyDictionary<string, string[]> Headers { get; }
    int StatusCode { get; }
    string StatusReason { get; }
}

public interface ISubscription
{
    DateTime CreatedDate { get; }
    DateTime? EndDate { get; }
    string Id { get; }
    string Key { get; }
    string Name { get; }
    string PrimaryKey { get; }
    string SecondaryKey { get; }
    DateTime? StartDate { get; }
}

public interface IUser
{
    string Email { get; }
    string FirstName { get; }
    IEnumerable<IGroup> Groups { get; }
    string Id { get; }
    IEnumerable<IUserIdentity> Identities { get; }
    string LastName { get; }
    string Note { get; }
    DateTime RegistrationDate { get; }
}

public interface IGroup
{
    string Id { get; }
    string Name { get; }
}

public interface IUserIdentity
{
    string Id { get; }
    string Provider { get; }
}

public interface ISubscriptionKeyParameterNames
{
    string Header { get; }
    string Query { get; }
}

public interface IPrivateEndpointConnection
{
    string Name { get; }
    string GroupId { get; }
    string MemberName { get; }
}

public interface IUrl
{
    string Host { get; }
    string Path { get; }
    int Port { get; }
    IReadOnlyDictionary<string, string[]> Query { get; }
    string QueryString { get; }
    string Scheme { get; }
}

public interface IMessageBody
{
    // T is one of string, byte[], JObject, JToken, JArray, XNode, XElement, XDocument.
    T As<T>(bool preserveContent = false);
    IDictionary<string, IList<string>> AsFormUrlEncodedContent(bool preserveContent = false);
}

public class BasicAuthCredentials
{
    internal BasicAuthCredentials(string userId, string password) { UserId = userId; Password = password; }
    public string Password { get; private set; }
    public string UserId { get; private set; }
}

public class Jwt
{
    internal Jwt() {}
    public string Algorithm { get; internal set; }
    public IEnumerable<string> Audiences { get; internal set; }
    public IReadOnlyDictionary<string, string[]> Claims { get; internal set; }
    public DateTime? ExpirationTime { get; internal set; }
    public string Id { get; internal set; }
    public string Issuer { get; internal set; }
    public DateTime? IssuedAt { get; internal set; }
    public DateTime? NotBefore { get; internal set; }
    public string Subject { get; internal set; }
    public string Type { get; internal set; }
}

// What get-authorization-context stores in its context variable (get-authorization-context policy
// reference, "Authorization object"). It shadows System.Net.Authorization, as in APIM.
public class Authorization
{
    internal Authorization() {}
    public string AccessToken { get; internal set; }
    public IReadOnlyDictionary<string, object> Claims { get; internal set; }
}

// The documented extension methods. They are implemented for real, so that the same file serves
// the expression compile (which only needs the signatures) and the emulator (which runs them).
public static class ApimContextExtensions
{
    // Headers, query parameters and JWT claims: comma-separated values, or the default.
    public static string GetValueOrDefault(this IReadOnlyDictionary<string, string[]> values, string name, string defaultValue = null)
    {
        string[] found;
        if (values == null || name == null || !values.TryGetValue(name, out found) || found == null) { return defaultValue; }
        return string.Join(",", found);
    }

    // context.Variables: the value cast to T, or the default when the variable is missing; throws when
    // the stored type differs ("This method throws an exception if the specified type does not match
    // the actual type of the returned variable", policy expressions reference).
    public static T GetValueOrDefault<T>(this IReadOnlyDictionary<string, object> variables, string variableName, T defaultValue = default(T))
    {
        object value;
        if (variables == null || !variables.TryGetValue(variableName, out value)) { return defaultValue; }
        if (value == null)
        {
            if (default(T) == null) { return default(T); }
            throw new InvalidCastException("variable '" + variableName + "' is null and cannot be read as " + typeof(T).Name);
        }
        if (value is T) { return (T)value; }
        throw new InvalidCastException("variable '" + variableName + "' holds " + value.GetType().Name + ", not " + typeof(T).Name);
    }

    public static BasicAuthCredentials AsBasic(this string input)
    {
        BasicAuthCredentials result;
        return TryParseBasic(input, out result) ? result : null;
    }

    public static bool TryParseBasic(this string input, out BasicAuthCredentials result)
    {
        result = null;
        if (input == null) { return false; }
        string value = input.Trim();
        if (value.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) { value = value.Substring(6).Trim(); }
        try
        {
            string decoded = Encoding.UTF8.GetString(Convert.FromBase64String(value));
            int colon = decoded.IndexOf(':');
            if (colon < 0) { return false; }
            result = new BasicAuthCredentials(decoded.Substring(0, colon), decoded.Substring(colon + 1));
            return true;
        }
        catch (FormatException) { return false; }
    }

    public static Jwt AsJwt(this string input)
    {
        Jwt result;
        return TryParseJwt(input, out result) ? result : null;
    }

    // Reads a JWT's header and payload; the signature is not checked (validate-jwt does that).
    public static bool TryParseJwt(this string input, out Jwt result)
    {
        result = null;
        if (input == null) { return false; }
        string value = input.Trim();
        if (value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) { value = value.Substring(7).Trim(); }
        string[] parts = value.Split('.');
        if (parts.Length != 3) { return false; }
        try
        {
            JObject header = JObject.Parse(Base64UrlText(parts[0]));
            JObject payload = JObject.Parse(Base64UrlText(parts[1]));
            var claims = new Dictionary<string, string[]>(StringComparer.Ordinal);
            foreach (JProperty p in payload.Properties())
            {
                if (p.Value.Type == JTokenType.Array) { claims[p.Name] = ((JArray)p.Value).Select(v => v.ToString()).ToArray(); }
                else { claims[p.Name] = new[] { p.Value.ToString() }; }
            }
            Func<string, DateTime?> time = name => { JToken t = payload[name]; return t == null ? (DateTime?)null : new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds((double)t); };
            JToken aud = payload["aud"];
            result = new Jwt
            {
                Algorithm = (string)header["alg"],
                Type = (string)header["typ"],
                Audiences = aud == null ? new string[0] : aud.Type == JTokenType.Array ? aud.Select(v => v.ToString()).ToArray() : new[] { aud.ToString() },
                Claims = claims,
                ExpirationTime = time("exp"),
                IssuedAt = time("iat"),
                NotBefore = time("nbf"),
                Id = (string)payload["jti"],
                Issuer = (string)payload["iss"],
                Subject = (string)payload["sub"]
            };
            return true;
        }
        catch (Exception) { return false; }
    }

    static string Base64UrlText(string part)
    {
        string s = part.Replace('-', '+').Replace('_', '/');
        switch (s.Length % 4) { case 2: s += "=="; break; case 3: s += "="; break; }
        return Encoding.UTF8.GetString(Convert.FromBase64String(s));
    }

    public static byte[] Encrypt(this byte[] input, string alg, byte[] key, byte[] iv) { using (var a = SymmetricAlgorithm.Create(alg)) { return Encrypt(input, a, key, iv); } }
    public static byte[] Encrypt(this byte[] input, SymmetricAlgorithm alg) { return Encrypt(input, alg, alg.Key, alg.IV); }
    public static byte[] Encrypt(this byte[] input, SymmetricAlgorithm alg, byte[] key, byte[] iv) { using (var t = alg.CreateEncryptor(key, iv)) { return t.TransformFinalBlock(input, 0, input.Length); } }
    public static byte[] Decrypt(this byte[] input, string alg, byte[] key, byte[] iv) { using (var a = SymmetricAlgorithm.Create(alg)) { return Decrypt(input, a, key, iv); } }
    public static byte[] Decrypt(this byte[] input, SymmetricAlgorithm alg) { return Decrypt(input, alg, alg.Key, alg.IV); }
    public static byte[] Decrypt(this byte[] input, SymmetricAlgorithm alg, byte[] key, byte[] iv) { using (var t = alg.CreateDecryptor(key, iv)) { return t.TransformFinalBlock(input, 0, input.Length); } }

    public static bool VerifyNoRevocation(this X509Certificate2 input)
    {
        using (var chain = new X509Chain())
        {
            chain.ChainPolicy.RevocationMode = X509RevocationMode.Online;
            return chain.Build(input);
        }
    }

    public static string ToFormUrlEncodedContent(this IDictionary<string, IList<string>> form)
    {
        var parts = new List<string>();
        foreach (var field in form)
        {
            foreach (string v in field.Value) { parts.Add(Uri.EscapeDataString(field.Key) + "=" + Uri.EscapeDataString(v ?? "")); }
        }
        return string.Join("&", parts);
    }
}
