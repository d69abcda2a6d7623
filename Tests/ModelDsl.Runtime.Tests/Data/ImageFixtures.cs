namespace ModelDsl.Runtime.Tests.Data;

/// <summary>
/// Small images written by Pillow 9.4 (libpng, libjpeg) for formats <see cref="TestImages"/> does not write, and
/// the pixels Pillow decodes the progressive JPEG of <see cref="JpegFixtures"/> to.
/// </summary>
internal static class ImageFixtures
{
    /// <summary>A 3x2 palette PNG (4 entries: red, green, blue, (9, 8, 7)); indices 0 1 2 / 3 2 1.</summary>
    public const string PalettePng = "iVBORw0KGgoAAAANSUhEUgAAAAMAAAACAgMAAADgGo6JAAAADFBMVEX/AAAA/wAAAP8JCAei0mLAAAAADElEQVR4nGOQYHgCAAEwAP1WzRxzAAAAAElFTkSuQmCC";

    /// <summary>A 2x1 16-bit grayscale PNG holding 0x1234 and 0xABCD.</summary>
    public const string Gray16Png = "iVBORw0KGgoAAAANSUhEUgAAAAIAAAABEAAAAACB2fwVAAAADUlEQVR4nGMQMll9FgADDAG/brnGXQAAAABJRU5ErkJggg==";

    /// <summary>A 2x2 8-bit palette BMP (entries (10, 20, 30) and (40, 50, 60)); indices 0 1 / 1 0.</summary>
    public const string Palette8Bmp = "Qk1GAAAAAAAAAD4AAAAoAAAAAgAAAAIAAAABAAgAAAAAAAgAAADEDgAAxA4AAAIAAAACAAAAHhQKADwyKAABAAAAAAEAAA==";

    /// <summary>RGB pixels of <see cref="JpegFixtures.ProgressiveJpeg"/> as libjpeg (through Pillow) decodes them.</summary>
    public const string ProgressivePixels = "AgCHEQGpKAPnNwneOAyINAdMOwc3Rgw0WBBAag11hgXUognwrQW0tgN7yQtTyQQg0QUE4wsi8Ad0BBGeFBW7KBTpNhHTPhB9RgxGUwsxYAwudBlEfxd4khTXpBjtqxSttBJ1yBdNzQ8o2xYf7BtD/BiRACzAEDTSJC7lMiG9TBxobBs7jBYslxEpoyBAnyFzoSvVozHhny6YrC1ixio/0SMt3ydD7ytz/ym9AEXaCU3gHkfXMzOhXypUliszxSYr0R0ozSE5uyZosEDKoUfNlkV9pkdLwj0u1Dcy4Dpg8D2Z/z3bAFzsAWPiF1u8NUZ+cTY6tjMh7Cce+xwd7RopzyNTu0+1nlqxjFxaoWExwU8d2kw441J78Fa2/1juAHTwAXXYFm6eOllee0EpvTIT9B8R/xIS9xQd1SJCw1yjoGuVi3E+pHsjxGIZ4WRG5WmO7m3J+m7xAIrlCYXBG4B8RG5GgFEjuTcT7RoR/w4U8RYe0CU3yWuQpnx9k4QpsJEczHYj6nxb6ICh7YXU+IjuCZzIC5WfHJFaQ4Qyd2gnpEYgzyck4R0n1CEkujMww3t+p4tkmJMbs6MayIYw55By65e4753f+qDqC6maEal6H6g+OJklW3sve186mURHpTpEnjwzplxDp4Nfpp5ToqscrKsbyqVV36WP7K/O76zh9K3ZFMZ8F8NfIsIsNrooVqxVeaN9nJ2hrp2ls6GJtat4r7ZpqrxMqMIjssQyyMF528Gw6sPW8cHb9sLEDNVTDNI9E9EXIM0jOshmVsufcs7NhtLQk9arldB+ksdRk8UwnMwiqtREudaUzdbD6tjW8tXH99ekDutDEOw0GO4cI+4zNet9Rey4U+rhYurccOqteuR2iN1Bld4sqOc2uPFmwfW30fHc6+rV9ee4+OuFC/g4DvkuGP4fJ/8/Of+MSP/IUv/wXv/paP2se/tzkPk8ofkrsftEvv96xP/K1f/n7/vT+fio+vxt";

    /// <summary>
    /// RGB pixels of <see cref="JpegFixtures.Color420Jpeg"/> as libjpeg decodes them by default, with "fancy" (triangle)
    /// chroma upsampling as stb_image does; <see cref="JpegFixtures.Color420Pixels"/> is box upsampling (djpeg -nosmooth).
    /// </summary>
    public const string Color420FancyPixels = "AACmEQjFEwjeIAnNNQqPPgBNTwAfWgAaZABJegeKiAfElArZow3GsQmSxQFD0wAc1wAX6QY+9wJ7AQu4EhnMGhjeKxfGQhKAUw1JZQskdAwngA1SixSMkhbMmhjapxu6tBaExRA90w4f3REq8hhV/xWVAS7SDzLWHizTMyaqSxdZbBYvfg4ajg8kox1SoSCEnCvRnS3Xqi6etCtjwCcqzicf3ChD8ix3/yu0AEHbCkTWIEHEQTuVZy1GoTk2uy8yzi08xiJEtSRvqD3JnUHIqkKBtD9Hvj0gzD4m2zxY8UGS/0HMAlnnEFvYI1SxQkZ2cDEqtTkh1yQg6Bsi6B4qySRPslC3nlezqVVitVMuwlAcz1Iy3FZv71qr/1ndBGzlEW/PIGaXQldceUEgvj0W5yAb+RQb+Bcb0yE3u2GhoGuZqGdHtGchwWQh0GhF32yJ73DB/m7nBIDaEoTAHHx7QW5HfVUhtTsS5R0d/REf+xQc1SEsxHCKo318pXo1tH0iwnw004Bi4oSm8IXT/oPtBJTIEJmpGJFcPIYxdG4kmUcXyCgo4x8z3x8swC4uv4R2oY9fo4snspIlwZNI0pZ84pi98Jji/pfqCK2vCamHGKo/OKMhWYYhcmInjkJCozlQoDdGlUk8sJtknaFDq6gnsqYsvqhd1LCa56/U8avq/ariCsSTC75qFr8oML0ZU7I6dKdklp+arqGyvKqqq6aAqb1cnbkxp7ojtr8+wsJ61MWy5sLe8b/l/L7NDNduDNFNFNAZJtAYPc5NV8+Hcc+/hNPQjdSykdSEjsw7m9ElpM0ntdNRxdWX0tXE59jd8NTR+tStC+dPDuY7G+YaKegoOepoS+2kWOrVZejYbOeogOx1h+Eqnugfp+Mzuulpyuu03fDd6ezb8ejB+OePCfo7DvkyHvcgLfg6Pf2DUP/BYP/pbP3gd/2khPxmkPYmn/kdrPpEv/+Cy/vJ3f7p6vzU8vms+Ph2";
}
