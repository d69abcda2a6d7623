// Bench entry point: `train`, `gemm`, `generator` (see BenchCommands).
System.Console.Error.WriteLine("usage: ModelDsl.Bench train|gemm|generator ...");
return 1;
