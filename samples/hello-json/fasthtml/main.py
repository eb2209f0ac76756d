from fasthtml.common import fast_app

app, rt = fast_app()


@rt("/")
def get():
    return {"message": "Hello, World!"}  # a dict is sent as JSON, FT components as HTML
