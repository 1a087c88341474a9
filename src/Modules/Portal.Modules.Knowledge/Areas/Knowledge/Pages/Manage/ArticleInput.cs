using System.ComponentModel.DataAnnotations;
using Portal.Modules.Knowledge.Articles;
using Portal.Modules.Knowledge.Domain;

namespace Portal.Modules.Knowledge.Areas.Knowledge.Pages.Manage;

/// <summary>The editor's fields; lists are comma-separated text.</summary>
public sealed class ArticleInput
{
    [Display(Name = "Language")]
    public string Lang { get; set; } = "zh";

    [Display(Name = "Slug")]
    [StringLength(ArticleVocabulary.MaxSlug, ErrorMessage = "{0} can be at most {1} characters long.")]
    public string? Slug { get; set; }

    [Display(Name = "Type")]
    public string Type { get; set; } = ArticleVocabulary.Article;

    [Required(ErrorMessage = "Please enter a title.")]
    [StringLength(ArticleVocabulary.MaxTitle, ErrorMessage = "{0} can be at most {1} characters long.")]
    [Display(Name = "Title")]
    public string Title { get; set; } = "";

    [StringLength(ArticleVocabulary.MaxBody, ErrorMessage = "{0} can be at most {1} characters long.")]
    [Display(Name = "Text (Markdown)")]
    public string? Body { get; set; }

    [Required(ErrorMessage = "Please enter a category.")]
    [StringLength(ArticleVocabulary.MaxCategory, ErrorMessage = "{0} can be at most {1} characters long.")]
    [Display(Name = "Category")]
    public string Category { get; set; } = "";

    [StringLength(500, ErrorMessage = "{0} can be at most {1} characters long.")]
    [Display(Name = "Products")]
    public string? Products { get; set; }

    [StringLength(100, ErrorMessage = "{0} can be at most {1} characters long.")]
    [Display(Name = "Versions")]
    public string? Versions { get; set; }

    [StringLength(500, ErrorMessage = "{0} can be at most {1} characters long.")]
    [Display(Name = "Tags")]
    public string? Tags { get; set; }

    [Display(Name = "Visibility")]
    public string Visibility { get; set; } = ArticleVocabulary.Customers;

    public long RowVersion { get; set; }

    public static ArticleInput From(ArticleRow row) => new()
    {
        Lang = row.Lang,
        Slug = row.Slug,
        Type = row.Type,
        Title = row.Title,
        Body = row.Body,
        Category = row.Category,
        Products = string.Join(", ", row.ProductList),
        Versions = row.Versions,
        Tags = string.Join(", ", row.TagList),
        Visibility = row.Visibility,
        RowVersion = row.RowVersion,
    };

    /// <summary>The content, or the field and the message (a localization key) of the first problem.</summary>
    public (ArticleContent? Content, string Field, string Error) Validate()
    {
        if (!ArticleVocabulary.Types.Contains(Type)) return (null, nameof(Type), "Please choose a type.");
        if (!ArticleVocabulary.Visibilities.Contains(Visibility)) return (null, nameof(Visibility), "Please choose who may read it.");
        var products = ArticleContent.ParseList(Products).Select(p => p.ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList();
        if (products.Any(p => !ArticleVocabulary.IsProductCode(p)))
            return (null, nameof(Products), "Product codes consist of letters, digits and hyphens, separated by commas.");
        var content = new ArticleContent(Type, Title.Trim(), (Body ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim('\n'),
            Category.Trim(), products, string.IsNullOrWhiteSpace(Versions) ? null : Versions.Trim(), ArticleContent.ParseList(Tags), Visibility);
        return (content, "", "");
    }
}
