"""Reading a return: file guard, workbook values, header layout, rows, cell normalising, names."""
