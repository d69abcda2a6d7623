namespace ModelDsl.Runtime.Cpu.Kernels;

/// <summary>The arguments of one <see cref="Gemm.Multiply(bool, bool, int, int, int, float, float*, int, float*, int, float, float*, int)"/> call, passed down the blocking loops and to worker threads.</summary>
internal readonly unsafe struct GemmProblem
{
    public GemmProblem(
        bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        float* a, int lda, float* b, int ldb, float beta, float* c, int ldc)
    {
        TransposeA = transposeA;
        TransposeB = transposeB;
        M = m;
        N = n;
        K = k;
        Alpha = alpha;
        A = a;
        Lda = lda;
        B = b;
        Ldb = ldb;
        Beta = beta;
        C = c;
        Ldc = ldc;
    }

    public bool TransposeA { get; }

    public bool TransposeB { get; }

    public int M { get; }

    public int N { get; }

    public int K { get; }

    public float Alpha { get; }

    public float* A { get; }

    public int Lda { get; }

    public float* B { get; }

    public int Ldb { get; }

    public float Beta { get; }

    public float* C { get; }

    public int Ldc { get; }

    /// <summary>Element (i, p) of op(A).</summary>
    public float OpA(int i, int p) => TransposeA ? A[((long)p * Lda) + i] : A[((long)i * Lda) + p];

    /// <summary>Element (p, j) of op(B).</summary>
    public float OpB(int p, int j) => TransposeB ? B[((long)j * Ldb) + p] : B[((long)p * Ldb) + j];
}
