// Lists the public types of the namespaces policy expressions import, from the assemblies given,
// as "Namespace.Name<TAB>arity". Its output is src/main/resources/dev/aigateway/lint/compile/expression-namespace-types.tsv:
//   mcs -out:ListTypes.exe tools/ListTypes.cs
//   mono ListTypes.exe <namespaces,comma-separated> <assemblies...>   (see the header of that file)
using System;
using System.Linq;
using System.Reflection;
using System.Collections.Generic;
class ListTypes {
  static void Main(string[] args) {
    var ns = new HashSet<string>(args[0].Split(','));
    var asms = new List<Assembly>();
    foreach (var a in args.Skip(1)) asms.Add(Assembly.LoadFrom(a));
    var rows = new SortedSet<string>();
    foreach (var asm in asms) foreach (var t in asm.GetExportedTypes()) {
      if (t.IsNested || !ns.Contains(t.Namespace ?? "")) continue;
      string name = t.Name; int arity = 0;
      int tick = name.IndexOf('`'); if (tick >= 0) { arity = int.Parse(name.Substring(tick+1)); name = name.Substring(0, tick); }
      rows.Add(t.Namespace + "." + name + "\t" + arity);
    }
    foreach (var r in rows) Console.WriteLine(r);
  }
}
