"""Pure functions over a Dataset: filters, metrics, recurring recommendations, the tables pages show and
the plotly figures. No I/O, no Streamlit."""
