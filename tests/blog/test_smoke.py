def test_article_renders(client, blog):
    from tests.factories import make_article

    article = make_article(blog, title="Knots")
    response = client.get(article.url)
    assert response.status_code == 200
    assert b"Knots" in response.content
